/** A typical request (a few KB once signed): the applicant, four documents, the socially vulnerable list. */
import { buildApplicationRequestXml, type ApplicationRequestInput } from '../application-request.js'
import { TEST_IIN } from './pki.js'

const digest = (seed: number): string => seed.toString(16).padStart(2, '0').repeat(32)

export const sampleRequest = (overrides: Partial<ApplicationRequestInput> = {}): ApplicationRequestInput => ({
  serviceId: 'housing-queue',
  providerId: 'almaty-housing',
  applicantIin: TEST_IIN.citizen,
  category: 'socially_vulnerable',
  familySize: 4,
  documents: [
    { kind: 'identity_card', sha256: digest(0xa1) },
    { kind: 'family_composition', sha256: digest(0xb2) },
    { kind: 'income_certificate', sha256: digest(0xc3) },
    { kind: 'no_housing_certificate', sha256: digest(0xd4) },
  ],
  ...overrides,
})

export const sampleRequestXml = (overrides: Partial<ApplicationRequestInput> = {}): string =>
  buildApplicationRequestXml(sampleRequest(overrides))
