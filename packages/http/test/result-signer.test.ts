/** The key configured for result documents (KEZEK_RESULT_KEY / KEZEK_RESULT_CERT) must be the head of office's. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { TEST_BIN, TEST_IIN } from '@kezek/adapters/testing'
import { resultSignerProblem } from '../src/index.js'
import { testPki } from './harness.js'

test('the head’s legal-entity key may sign results; an employee’s or an individual’s with the BIN may not, each named', async () => {
  const pki = await testPki()
  assert.is(resultSignerProblem(pki.head.certificate), undefined)
  assert.match(resultSignerProblem(pki.officer.certificate) ?? '', /first-head role \(1\.2\.398\.3\.3\.4\.1\.2\.1\)/)
  const individual = await pki.issue({ commonName: 'ТЕСТ', iin: TEST_IIN.officer, bin: TEST_BIN.provider, roles: ['1.2.398.3.3.4.1.1'] })
  assert.match(resultSignerProblem(individual.certificate) ?? '', /not a legal entity's key/)
})

test.run()
