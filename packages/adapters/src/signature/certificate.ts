/**
 * Reading a NCA RK certificate: who it names and what its key may do.
 *
 * The IIN is read from subject attribute 2.5.4.5 (serialNumber) as `IIN` + 12 digits — by OID, because libraries
 * print that attribute as `SERIALNUMBER=`, `serialNumber=`, `2.5.4.5=` or even `SN=`, while `SN` proper
 * (2.5.4.4) is the surname. The BIN of an employee's certificate is in `OU=BIN…`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeCertificate } from './certificate-cache.js'
import { x509 } from './engine.js'
import { badInput, notConfirmed, type BadInput, type NotConfirmed } from './refusal.js'

export const OID = {
  serialNumber: '2.5.4.5',
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
} as const

/** Who a certificate names, as NCA RK lays the subject out. */
export interface CertificateHolder {
  /** 12 digits from `IIN…`; not checksum-validated: NCA test certificates carry IINs that fail it. */
  readonly iin: string | undefined
  readonly bin: string | undefined
  readonly commonName: string
  readonly surname: string | undefined
  /** NCA puts the patronymic in givenName (G). */
  readonly patronymic: string | undefined
  readonly organization: string | undefined
  readonly certificateSerial: string
  readonly issuer: string
  readonly notBefore: Date
  readonly notAfter: Date
}

/** What the key is being used for: signing a document, or authenticating (eGov login signs a nonce). */
export type KeyPurpose = 'sign' | 'auth'

const prefixed = (values: readonly string[], prefix: string): string | undefined =>
  values.map((v) => new RegExp(`^${prefix}(\\d{12})$`).exec(v.trim())?.[1]).find((v) => v !== undefined)

const first = (name: x509.Name, oid: string): string | undefined => name.getField(oid)[0]

const readHolder = (cert: x509.X509Certificate): CertificateHolder => {
  const subject = cert.subjectName
  return {
    iin: prefixed(subject.getField(OID.serialNumber), 'IIN'),
    bin: prefixed(subject.getField(OID.organizationalUnit), 'BIN'),
    commonName: first(subject, OID.commonName) ?? '',
    surname: first(subject, OID.surname),
    patronymic: first(subject, OID.givenName),
    organization: first(subject, OID.organization),
    certificateSerial: cert.serialNumber,
    issuer: cert.issuer,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  }
}

const holders = new WeakMap<x509.X509Certificate, CertificateHolder>()

/** Read once per decoded certificate; each caller gets its own Dates, so no caller can change another's. */
export const holderOf = (cert: x509.X509Certificate): CertificateHolder => {
  const known = holders.get(cert) ?? readHolder(cert)
  holders.set(cert, known)
  return { ...known, notBefore: new Date(known.notBefore.getTime()), notAfter: new Date(known.notAfter.getTime()) }
}

export const parseCertificate = (base64: string): E.Either<BadInput, x509.X509Certificate> => {
  try {
    return E.right(decodeCertificate(Buffer.from(base64, 'base64')))
  } catch (e) {
    return E.left(badInput('no_certificate', `X509Certificate cannot be decoded: ${(e as Error).message.slice(0, 120)}`))
  }
}

const SIGNING_BITS = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation

interface KeyUsageSummary {
  /** keyUsage absent, or present with digitalSignature or nonRepudiation. */
  readonly maySign: boolean
  /** EKU purpose OIDs; undefined when the certificate has no EKU extension. */
  readonly extendedUsages: readonly string[] | undefined
}

const usageSummaries = new WeakMap<x509.X509Certificate, KeyUsageSummary>()

/** The extensions are read once per decoded certificate: they are a function of its bytes. */
const usagesOf = (cert: x509.X509Certificate): KeyUsageSummary => {
  const known = usageSummaries.get(cert)
  if (known !== undefined) return known
  const extensions = cert.extensions
  const ku = extensions.find((e): e is x509.KeyUsagesExtension => e instanceof x509.KeyUsagesExtension)
  const eku = extensions.find((e): e is x509.ExtendedKeyUsageExtension => e instanceof x509.ExtendedKeyUsageExtension)
  const summary: KeyUsageSummary = {
    maySign: ku === undefined || (ku.usages & SIGNING_BITS) !== 0,
    extendedUsages: eku === undefined ? undefined : eku.usages.map(String),
  }
  usageSummaries.set(cert, summary)
  return summary
}

/**
 * NCA issues two keys per person: AUTH (clientAuth, for logging in) and SIGN (emailProtection, for signing).
 * Both have digitalSignature in keyUsage, so keyUsage alone cannot tell them apart: the extended key usage does.
 * A certificate without the extensions is not restricted by them (RFC 5280 §4.2.1.3, §4.2.1.12).
 */
export const checkKeyUsage = (cert: x509.X509Certificate, purpose: KeyPurpose): E.Either<NotConfirmed, true> => {
  const { maySign, extendedUsages: usages } = usagesOf(cert)
  if (!maySign) {
    return E.left(notConfirmed('wrong_key_usage', 'the certificate key may not make digital signatures'))
  }
  if (usages === undefined) return E.right(true)
  const wanted = purpose === 'sign' ? OID.emailProtection : OID.clientAuth
  return usages.includes(wanted)
    ? E.right(true)
    : E.left(
        notConfirmed(
          'wrong_key_usage',
          purpose === 'sign'
            ? 'this is an authentication (AUTH) certificate; sign with the signing (RSA/GOST SIGN) key'
            : 'this certificate is not an authentication (AUTH) certificate',
        ),
      )
}
