/**
 * A throw-away PKI shaped like NCA RK's, made at run time with real RSA-2048 keys (nothing is ever written to
 * disk, so no private key can be committed). Used by the signature tests, by other packages' tests and by the
 * demo server to sign requests.
 *
 * Layout: a root («НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ» style) → an issuing CA («ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ» style) →
 * citizens (`SERIALNUMBER=IIN…`, SIGN or AUTH key), employees (`OU=BIN…`, `O=…`). Plus the bad ones: revoked
 * (in the issuing CA's CRL), expired, not yet valid, and one issued by an impostor CA that copies the issuing
 * CA's name with its own key. Every certificate is valid (or deliberately not) relative to `at`.
 *
 * Keys are generated in parallel, seven in all (about a second on two cores); the bad certificates reuse the
 * citizen's key, as a person re-issued a certificate would.
 */
import { webcrypto, x509 } from '../engine.js'
import type { TrustAnchors } from '../trust.js'

export const TEST_IIN = {
  citizen: '871008401427',
  otherCitizen: '760212350620',
  officer: '840317000029',
  head: '900101300017',
} as const
export const TEST_BIN = { provider: '940140000385' } as const

const RSA: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
}

const DAY = 24 * 60 * 60 * 1000

export interface Identity {
  readonly keys: CryptoKeyPair
  readonly certificate: x509.X509Certificate
}

export interface Authority extends Identity {
  readonly name: string
}

/** Who a certificate is for. `purpose` sets NCA's extended key usage: SIGN (emailProtection) or AUTH (clientAuth). */
export interface IssueParams {
  readonly commonName: string
  readonly surname?: string
  readonly patronymic?: string
  readonly iin?: string
  readonly bin?: string
  readonly organization?: string
  readonly purpose?: 'sign' | 'auth'
  readonly notBefore?: Date
  readonly notAfter?: Date
  readonly issuer?: Authority
  /** Reuse a key pair (re-issued certificate); a new one is generated when absent. */
  readonly keys?: CryptoKeyPair
  /** NCA role OIDs in the extended key usage; default: an individual's, or a legal entity's employee with `bin`. */
  readonly roles?: readonly string[]
}

export interface TestPki {
  /** The instant everything is judged at: good certificates are valid and CRLs current then. */
  readonly at: Date
  readonly root: Authority
  readonly nca: Authority
  readonly impostor: Authority
  readonly trust: TrustAnchors
  /** The root's CRL (empty) and the issuing CA's CRL (revokes `revoked`). */
  readonly crls: readonly x509.X509Crl[]
  readonly citizen: Identity
  readonly otherCitizen: Identity
  readonly citizenAuth: Identity
  readonly officer: Identity
  /** Head of the provider's office: signs the result documents. */
  readonly head: Identity
  readonly revoked: Identity
  readonly expired: Identity
  readonly notYetValid: Identity
  readonly impostorIssued: Identity
  readonly issue: (params: IssueParams) => Promise<Identity>
  readonly crl: (issuer: Authority, params: CrlParams) => Promise<x509.X509Crl>
}

export interface CrlParams {
  readonly revoked?: readonly { readonly serialNumber: string; readonly at: Date }[]
  readonly thisUpdate: Date
  readonly nextUpdate: Date
}

export const generateKeys = async (): Promise<CryptoKeyPair> =>
  (await webcrypto.subtle.generateKey(RSA, false, ['sign', 'verify'])) as CryptoKeyPair

const rdn = (oid: string, value: string | undefined): string =>
  value === undefined ? '' : `${oid}=${value.replace(/([,+"\\<>;=])/g, '\\$1')}`

const subjectOf = (p: IssueParams): string =>
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

const OWNER = { individual: '1.2.398.3.3.4.1.1', legalEntity: '1.2.398.3.3.4.1.2', head: '1.2.398.3.3.4.1.2.1', employee: '1.2.398.3.3.4.1.2.5' }

const leafExtensions = async (p: IssueParams, publicKey: CryptoKey): Promise<x509.Extension[]> => {
  const auth = p.purpose === 'auth'
  const owner = p.roles ?? (p.bin === undefined ? [OWNER.individual] : [OWNER.legalEntity, OWNER.employee])
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(
      auth
        ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
        : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
    new x509.ExtendedKeyUsageExtension([auth ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.emailProtection, ...owner]),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ]
}

const caExtensions = async (publicKey: CryptoKey): Promise<x509.Extension[]> => [
  new x509.BasicConstraintsExtension(true, 1, true),
  new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  await x509.SubjectKeyIdentifierExtension.create(publicKey),
]

const selfSigned = async (name: string, keys: CryptoKeyPair, at: Date): Promise<Authority> => ({
  name,
  keys,
  certificate: await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    signingAlgorithm: RSA,
    notBefore: new Date(at.getTime() - 5 * 365 * DAY),
    notAfter: new Date(at.getTime() + 15 * 365 * DAY),
    extensions: await caExtensions(keys.publicKey),
  }),
})

const subordinate = async (name: string, keys: CryptoKeyPair, issuer: Authority, at: Date): Promise<Authority> => ({
  name,
  keys,
  certificate: await x509.X509CertificateGenerator.create({
    subject: name,
    issuer: issuer.certificate.subjectName,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: RSA,
    notBefore: new Date(at.getTime() - 3 * 365 * DAY),
    notAfter: new Date(at.getTime() + 7 * 365 * DAY),
    extensions: await caExtensions(keys.publicKey),
  }),
})

const makeCrl = async (issuer: Authority, p: CrlParams): Promise<x509.X509Crl> =>
  x509.X509CrlGenerator.create({
    issuer: issuer.certificate.subjectName,
    thisUpdate: p.thisUpdate,
    nextUpdate: p.nextUpdate,
    signingAlgorithm: RSA,
    signingKey: issuer.keys.privateKey,
    entries: (p.revoked ?? []).map((r) => ({
      serialNumber: r.serialNumber,
      revocationDate: r.at,
      reason: x509.X509CrlReason.keyCompromise,
    })),
  })

export const ROOT_NAME = 'CN=НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) KEZEK TEST, C=KZ'
export const NCA_NAME = 'CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) KEZEK TEST, C=KZ'

/** Builds the whole test PKI. `at` defaults to the current time (the demo server); tests pass a fixed instant. */
export const createTestPki = async (options: { readonly at?: Date } = {}): Promise<TestPki> => {
  const at = options.at ?? new Date()
  const [rootKeys, ncaKeys, impostorKeys, citizenKeys, otherKeys, officerKeys, headKeys] = await Promise.all(
    Array.from({ length: 7 }, generateKeys),
  )
  if (rootKeys === undefined || ncaKeys === undefined || impostorKeys === undefined || citizenKeys === undefined
    || otherKeys === undefined || officerKeys === undefined || headKeys === undefined) {
    throw new Error('key generation returned too few keys')
  }
  const root = await selfSigned(ROOT_NAME, rootKeys, at)
  const nca = await subordinate(NCA_NAME, ncaKeys, root, at)
  const impostor = await selfSigned(NCA_NAME, impostorKeys, at)

  const issue = async (p: IssueParams): Promise<Identity> => {
    const keys = p.keys ?? (await generateKeys())
    const issuer = p.issuer ?? nca
    const certificate = await x509.X509CertificateGenerator.create({
      subject: subjectOf(p),
      issuer: issuer.certificate.subjectName,
      publicKey: keys.publicKey,
      signingKey: issuer.keys.privateKey,
      signingAlgorithm: RSA,
      notBefore: p.notBefore ?? new Date(at.getTime() - 180 * DAY),
      notAfter: p.notAfter ?? new Date(at.getTime() + 185 * DAY),
      extensions: await leafExtensions(p, keys.publicKey),
    })
    return { keys, certificate }
  }

  const person = { commonName: 'ТЕСТОВ ТЕСТ', surname: 'ТЕСТОВ', patronymic: 'ТЕСТОВИЧ', iin: TEST_IIN.citizen, keys: citizenKeys }
  const citizen = await issue(person)
  const otherCitizen = await issue({
    commonName: 'АХМЕТОВА АЙГЕРІМ', surname: 'АХМЕТОВА', patronymic: 'СЕРІКҚЫЗЫ', iin: TEST_IIN.otherCitizen, keys: otherKeys,
  })
  const citizenAuth = await issue({ ...person, purpose: 'auth' })
  const officer = await issue({
    commonName: 'СЕРІКОВ ДАНИЯР', surname: 'СЕРІКОВ', iin: TEST_IIN.officer, bin: TEST_BIN.provider,
    organization: 'ГУ «Отдел жилищных отношений» (тест)', keys: officerKeys,
  })
  const head = await issue({
    commonName: 'ЖАНДОСОВ БОЛАТ', surname: 'ЖАНДОСОВ', iin: TEST_IIN.head, bin: TEST_BIN.provider,
    organization: 'ГУ «Отдел жилищных отношений» (тест)', keys: headKeys, roles: [OWNER.legalEntity, OWNER.head],
  })
  const revoked = await issue(person)
  const expired = await issue({ ...person, notBefore: new Date(at.getTime() - 400 * DAY), notAfter: new Date(at.getTime() - 30 * DAY) })
  const notYetValid = await issue({ ...person, notBefore: new Date(at.getTime() + 30 * DAY), notAfter: new Date(at.getTime() + 400 * DAY) })
  const impostorIssued = await issue({ ...person, issuer: impostor })

  const window = { thisUpdate: new Date(at.getTime() - DAY), nextUpdate: new Date(at.getTime() + 7 * DAY) }
  const crls = [
    await makeCrl(root, window),
    await makeCrl(nca, { ...window, revoked: [{ serialNumber: revoked.certificate.serialNumber, at: new Date(at.getTime() - 10 * DAY) }] }),
  ]

  return {
    at,
    root,
    nca,
    impostor,
    trust: { roots: [root.certificate], intermediates: [nca.certificate] },
    crls,
    citizen,
    otherCitizen,
    citizenAuth,
    officer,
    head,
    revoked,
    expired,
    notYetValid,
    impostorIssued,
    issue,
    crl: makeCrl,
  }
}
