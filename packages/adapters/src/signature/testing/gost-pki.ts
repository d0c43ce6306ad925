/**
 * The GOST twin of pki.ts: a throw-away PKI shaped like NCA RK's GOST 2015 branch, made at run time with GOST
 * 34.10-2015/512 keys (TC26 paramSetA) and signed by our own implementation — no x509 library can sign GOST, so the
 * certificates and CRLs are assembled with @peculiar/asn1-x509 and their TBS bytes signed with gost/gost3410.ts, in
 * the encoding NCA's real certificates use (fixtures/nca): key x‖y and signature r‖s little-endian, signature
 * algorithm 1.2.398.3.10.1.1.2.3.2 with NULL parameters, key parameters { 2.2.1, 3.3 }.
 *
 * Layout: root → NCA-like issuing CA → citizens (SIGN and AUTH keys), an officer and a head of office
 * (`OU=BIN…`), a revoked, an expired and a not-yet-valid certificate, and one issued by an impostor CA that copies
 * the issuing CA's name with its own key. Nothing is written to disk.
 */
import { createHash, randomBytes } from 'node:crypto'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import {
  AlgorithmIdentifier,
  Certificate,
  CertificateList,
  Extension,
  Extensions,
  Name,
  RevokedCertificate,
  SubjectPublicKeyInfo,
  TBSCertificate,
  TBSCertList,
  Time,
  Validity,
  Version,
} from '@peculiar/asn1-x509'
import * as E from 'fp-ts/lib/Either.js'
import { appendGostSignature, type AppendOptions, type GostSigningKey } from '../append-signature.js'
import { x509 } from '../engine.js'
import { encodeGostPublicKey, generateGostKeyPair, signBytes, type GostPublicKey } from '../gost/gost3410.js'
import { GOST2015_512_SIGNATURE } from '../gost/oids.js'
import { NCA_ROLE_OIDS } from '../signer-roles.js'
import type { TrustAnchors } from '../trust.js'
import { TEST_BIN, TEST_IIN } from './pki.js'

const DAY = 24 * 60 * 60 * 1000

export interface GostKeys extends GostSigningKey {
  readonly publicKey: GostPublicKey
}

export interface GostIdentity {
  readonly keys: GostKeys
  readonly certificate: x509.X509Certificate
}

export interface GostAuthority extends GostIdentity {
  readonly name: string
}

export interface GostIssueParams {
  readonly commonName: string
  readonly surname?: string
  readonly patronymic?: string
  readonly iin?: string
  readonly bin?: string
  readonly organization?: string
  readonly purpose?: 'sign' | 'auth'
  /** NCA role OIDs put in the extended key usage; default: individual, or legal entity + employee with a BIN. */
  readonly roles?: readonly string[]
  /** certificatePolicies OIDs; none when absent. */
  readonly policies?: readonly string[]
  readonly notBefore?: Date
  readonly notAfter?: Date
  readonly issuer?: GostAuthority
  readonly keys?: GostKeys
}

export interface GostCrlParams {
  readonly revoked?: readonly { readonly serialNumber: string; readonly at: Date }[]
  readonly thisUpdate: Date
  readonly nextUpdate: Date
  /** Marks the CRL a delta CRL (deltaCRLIndicator) of the given base CRL number. */
  readonly deltaOf?: number
  readonly number?: number
}

export interface GostTestPki {
  readonly at: Date
  readonly root: GostAuthority
  readonly nca: GostAuthority
  readonly impostor: GostAuthority
  readonly trust: TrustAnchors
  readonly crls: readonly x509.X509Crl[]
  readonly citizen: GostIdentity
  readonly otherCitizen: GostIdentity
  readonly citizenAuth: GostIdentity
  readonly officer: GostIdentity
  readonly head: GostIdentity
  readonly revoked: GostIdentity
  readonly expired: GostIdentity
  readonly notYetValid: GostIdentity
  readonly impostorIssued: GostIdentity
  readonly issue: (params: GostIssueParams) => Promise<GostIdentity>
  readonly crl: (issuer: GostAuthority, params: GostCrlParams) => x509.X509Crl
}

export const GOST_ROOT_NAME = 'CN=НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) KEZEK TEST, C=KZ'
export const GOST_NCA_NAME = 'CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) KEZEK TEST 2015, C=KZ'

export const generateGostKeys = (): GostKeys => {
  const pair = generateGostKeyPair()
  return { algorithm: 'GOST-2015-512', privateKey: pair.privateKey, publicKey: pair.publicKey }
}

const gostAlgorithm = (): AlgorithmIdentifier =>
  new AlgorithmIdentifier({ algorithm: GOST2015_512_SIGNATURE, parameters: null })

const nameOf = (text: string): Name => AsnConvert.parse(new x509.Name(text).toArrayBuffer(), Name)

const asnExtension = (ext: x509.Extension): Extension => AsnConvert.parse(ext.rawData, Extension)

const keyIdOf = (spki: Uint8Array): string => {
  const info = AsnConvert.parse(spki, SubjectPublicKeyInfo)
  return createHash('sha1').update(new Uint8Array(info.subjectPublicKey)).digest('hex')
}

const serial = (): ArrayBuffer => {
  const bytes = randomBytes(16)
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10
  return new Uint8Array(bytes).buffer
}

const time = (d: Date): Time => new Time({ utcTime: d })

const rdn = (oid: string, value: string | undefined): string =>
  value === undefined ? '' : `${oid}=${value.replace(/([,+"\\<>;=])/g, '\\$1')}`

const subjectOf = (p: GostIssueParams): string =>
  [
    rdn('2.5.4.3', p.commonName),
    rdn('2.5.4.4', p.surname),
    rdn('2.5.4.5', p.iin === undefined ? undefined : `IIN${p.iin}`),
    'C=KZ',
    rdn('2.5.4.42', p.patronymic),
    rdn('2.5.4.10', p.organization),
    rdn('2.5.4.11', p.bin === undefined ? undefined : `BIN${p.bin}`),
  ]
    .filter((s) => s !== '')
    .join(', ')

interface CertificateSpec {
  readonly subject: string
  readonly issuer: string
  readonly publicKey: GostPublicKey
  readonly signingKey: bigint
  readonly notBefore: Date
  readonly notAfter: Date
  readonly extensions: readonly x509.Extension[]
}

/** Assembles and GOST-signs a certificate: the signature is over the exact DER of tbsCertificate. */
const certificate = (spec: CertificateSpec): x509.X509Certificate => {
  const spki = encodeGostPublicKey(spec.publicKey)
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial(),
    signature: gostAlgorithm(),
    issuer: nameOf(spec.issuer),
    validity: new Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject: nameOf(spec.subject),
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    extensions: new Extensions(spec.extensions.map(asnExtension)),
  })
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs))
  const signature = signBytes(spec.signingKey, tbsDer)
  const cert = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: gostAlgorithm(), signatureValue: new Uint8Array(signature).buffer })
  return new x509.X509Certificate(AsnConvert.serialize(cert))
}

const caExtensions = (publicKey: GostPublicKey): x509.Extension[] => [
  new x509.BasicConstraintsExtension(true, 1, true),
  new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  new x509.SubjectKeyIdentifierExtension(keyIdOf(encodeGostPublicKey(publicKey))),
]

const leafExtensions = (p: GostIssueParams, publicKey: GostPublicKey): x509.Extension[] => {
  const auth = p.purpose === 'auth'
  const roles = p.roles ?? (p.bin === undefined ? [NCA_ROLE_OIDS.individual] : [NCA_ROLE_OIDS.legal_entity, NCA_ROLE_OIDS.employee])
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(
      auth
        ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
        : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
    new x509.ExtendedKeyUsageExtension([auth ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.emailProtection, ...roles]),
    new x509.SubjectKeyIdentifierExtension(keyIdOf(encodeGostPublicKey(publicKey))),
    ...(p.policies === undefined ? [] : [new x509.CertificatePolicyExtension([...p.policies])]),
  ]
}

const selfSigned = (name: string, keys: GostKeys, at: Date): GostAuthority => ({
  name,
  keys,
  certificate: certificate({
    subject: name,
    issuer: name,
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    notBefore: new Date(at.getTime() - 5 * 365 * DAY),
    notAfter: new Date(at.getTime() + 15 * 365 * DAY),
    extensions: caExtensions(keys.publicKey),
  }),
})

const subordinate = (name: string, keys: GostKeys, issuer: GostAuthority, at: Date): GostAuthority => ({
  name,
  keys,
  certificate: certificate({
    subject: name,
    issuer: issuer.name,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    notBefore: new Date(at.getTime() - 3 * 365 * DAY),
    notAfter: new Date(at.getTime() + 7 * 365 * DAY),
    extensions: caExtensions(keys.publicKey),
  }),
})

const DELTA_CRL_INDICATOR = '2.5.29.27'
const CRL_NUMBER = '2.5.29.20'

const integerExtension = (oid: string, value: number, critical: boolean): Extension =>
  new Extension({ extnID: oid, critical, extnValue: new OctetString(new Uint8Array([0x02, 0x01, value & 0x7f])) })

/** A GOST-signed CRL of `issuer` (optionally a delta CRL). */
export const makeGostCrl = (issuer: GostAuthority, p: GostCrlParams): x509.X509Crl => {
  const extensions = [
    integerExtension(CRL_NUMBER, p.number ?? 1, false),
    ...(p.deltaOf === undefined ? [] : [integerExtension(DELTA_CRL_INDICATOR, p.deltaOf, true)]),
  ]
  const entries = (p.revoked ?? []).map(
    (r) => new RevokedCertificate({ userCertificate: new Uint8Array(Buffer.from(r.serialNumber, 'hex')).buffer, revocationDate: time(r.at) }),
  )
  const tbs = new TBSCertList({
    version: Version.v2,
    signature: gostAlgorithm(),
    issuer: nameOf(issuer.name),
    thisUpdate: time(p.thisUpdate),
    nextUpdate: time(p.nextUpdate),
    ...(entries.length === 0 ? {} : { revokedCertificates: entries }),
    crlExtensions: extensions,
  })
  const signature = signBytes(issuer.keys.privateKey, new Uint8Array(AsnConvert.serialize(tbs)))
  const list = new CertificateList({ tbsCertList: tbs, signatureAlgorithm: gostAlgorithm(), signature: new Uint8Array(signature).buffer })
  return new x509.X509Crl(AsnConvert.serialize(list))
}

/** Builds the whole GOST test PKI (about a second: GOST key generation and signing are JavaScript big-integer work). */
export const createGostTestPki = async (options: { readonly at?: Date } = {}): Promise<GostTestPki> => {
  const at = options.at ?? new Date()
  const root = selfSigned(GOST_ROOT_NAME, generateGostKeys(), at)
  const nca = subordinate(GOST_NCA_NAME, generateGostKeys(), root, at)
  const impostor = selfSigned(GOST_NCA_NAME, generateGostKeys(), at)

  const issue = async (p: GostIssueParams): Promise<GostIdentity> => {
    const keys = p.keys ?? generateGostKeys()
    const issuer = p.issuer ?? nca
    return {
      keys,
      certificate: certificate({
        subject: subjectOf(p),
        issuer: issuer.name,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
        notBefore: p.notBefore ?? new Date(at.getTime() - 180 * DAY),
        notAfter: p.notAfter ?? new Date(at.getTime() + 185 * DAY),
        extensions: leafExtensions(p, keys.publicKey),
      }),
    }
  }

  const person = { commonName: 'ТЕСТОВ ТЕСТ', surname: 'ТЕСТОВ', patronymic: 'ТЕСТОВИЧ', iin: TEST_IIN.citizen, keys: generateGostKeys() }
  const citizen = await issue(person)
  const otherCitizen = await issue({ commonName: 'АХМЕТОВА АЙГЕРІМ', surname: 'АХМЕТОВА', iin: TEST_IIN.otherCitizen })
  const citizenAuth = await issue({ ...person, purpose: 'auth' })
  const office = { bin: TEST_BIN.provider, organization: 'ГУ «Отдел жилищных отношений» (тест)' }
  const officer = await issue({ commonName: 'СЕРІКОВ ДАНИЯР', surname: 'СЕРІКОВ', iin: TEST_IIN.officer, ...office })
  const head = await issue({
    commonName: 'ЖАНДОСОВ БОЛАТ', surname: 'ЖАНДОСОВ', iin: TEST_IIN.head, ...office,
    roles: [NCA_ROLE_OIDS.legal_entity, NCA_ROLE_OIDS.head],
  })
  const revoked = await issue(person)
  const expired = await issue({ ...person, notBefore: new Date(at.getTime() - 400 * DAY), notAfter: new Date(at.getTime() - 30 * DAY) })
  const notYetValid = await issue({ ...person, notBefore: new Date(at.getTime() + 30 * DAY), notAfter: new Date(at.getTime() + 400 * DAY) })
  const impostorIssued = await issue({ ...person, issuer: impostor })

  const window = { thisUpdate: new Date(at.getTime() - DAY), nextUpdate: new Date(at.getTime() + 7 * DAY) }
  const crls = [
    makeGostCrl(root, window),
    makeGostCrl(nca, { ...window, revoked: [{ serialNumber: revoked.certificate.serialNumber, at: new Date(at.getTime() - 10 * DAY) }] }),
  ]
  return {
    at, root, nca, impostor,
    trust: { roots: [root.certificate], intermediates: [nca.certificate] },
    crls, citizen, otherCitizen, citizenAuth, officer, head, revoked, expired, notYetValid, impostorIssued,
    issue,
    crl: makeGostCrl,
  }
}

/** Signs like Kalkan with a GOST key (appending after any signature already there); throws on malformed XML. */
export const signAsGost = async (identity: GostIdentity, xml: string, options: AppendOptions = {}): Promise<string> => {
  const signed = await appendGostSignature(xml, identity.keys, identity.certificate, options)
  if (E.isLeft(signed)) throw new Error(`cannot sign: ${signed.left.detail}`)
  return signed.right
}
