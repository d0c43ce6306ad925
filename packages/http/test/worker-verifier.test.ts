/**
 * The worker-thread verifier gives exactly the in-process verifier's answers: confirmed, not confirmed (with the
 * document, so the refusal can be recorded), and unreadable.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { workerPoolVerifier, xmlDsigVerifier } from '../src/index.js'
import { signatureDigest } from '../src/signature/signature-digest.js'
import { signedRequest, testPki } from './harness.js'

test('worker pool and in-process verifier agree on good, expired and forged documents', async () => {
  const pki = await testPki()
  const bytes = (x: { readonly rawData: ArrayBuffer }) => new Uint8Array(x.rawData)
  const pool = workerPoolVerifier({ roots: pki.trust.roots.map(bytes), intermediates: pki.trust.intermediates.map(bytes), crls: pki.crls.map(bytes) }, 2)
  const local = xmlDsigVerifier({ current: () => ({ trust: pki.trust, crls: pki.crls }) })
  try {
    const good = await signedRequest((p) => p.citizen)
    const expired = await signedRequest((p) => p.expired)
    const forged = good.replace('<familySize>4</familySize>', '<familySize>5</familySize>')
    const at = new Date()
    const answers = await Promise.all([good, expired, forged].map((xml) => pool.verifyRequest(xml, at)))
    const expected = await Promise.all([good, expired, forged].map((xml) => local.verifyRequest(xml, at)))
    assert.equal(answers, expected)
    assert.equal(answers.map((a) => (a.kind === 'read' ? `read:${a.verdict.valid}` : a.kind)), ['read:true', 'read:false', 'bad_input'])
    // The digest that names a signed submission's application comes from the verifier now: it must be the one the
    // service has always derived from the document's text, or a replay of a stored filing would file it again.
    const digests = answers.map((a) => (a.kind === 'read' ? a.signatureDigest : undefined))
    assert.equal(digests, [signatureDigest(good), signatureDigest(expired), undefined])
    assert.ok(digests[0] !== undefined && digests[0] !== digests[1], 'each signing has its own digest')
  } finally {
    await pool.close()
  }
})

test.run()
