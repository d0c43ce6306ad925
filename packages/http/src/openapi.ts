/**
 * The OpenAPI 3.1 description of every route. Kept as data next to the routes; a test compares its paths and
 * methods with the routes express actually registered, so the two cannot drift apart.
 */
import { categories, Registry, resultKindIds, statuses } from '@kezek/domain'
import { problemKinds, PROBLEM_BASE } from './problem/catalogue.js'
import { accessOf } from './routes/access.js'

type Json = Record<string, unknown>

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` })
const problemResponse = (description: string): Json => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } })
const json = (description: string, schema: Json, headers?: Json): Json =>
  ({ description, content: { 'application/json': { schema } }, ...(headers === undefined ? {} : { headers }) })
const etag = { ETag: { description: 'The application stream revision; send it back as If-Match', schema: { type: 'string' } } }
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }
const pdfLangParam = { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['kk', 'ru'] }, description: 'the document’s language; default: the request’s language if kk or ru, else ru' }
const providerParam = { name: 'providerId', in: 'path', required: true, schema: { type: 'string' } }
const listCategories = [...categories, 'preschool_journal']
const categoryParam = { name: 'category', in: 'path', required: true, schema: { type: 'string', enum: listCategories } }
const paging = [
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
]
const asOf = { name: 'asOf', in: 'query', description: 'A past instant (ISO-8601 UTC): the list as it stood then', schema: { type: 'string', format: 'date-time' } }
const ifMatch = { name: 'If-Match', in: 'header', description: 'ETag of the application as last read; stale → 412', schema: { type: 'string' } }
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', description: 'A retry with the same key returns the first answer', schema: { type: 'string', minLength: 8, maxLength: 200 } }
const bearer = [{ bearer: [] }]

const common = {
  '400': problemResponse('Malformed input'),
  '401': problemResponse('No or invalid bearer token'),
  '403': problemResponse('Not allowed for this role'),
  '404': problemResponse('Not found (or not yours)'),
}

const pdfCopy = (summary: string): Json => ({
  get: {
    tags: ['status'], summary, security: bearer, parameters: [idParam, pdfLangParam],
    responses: { '200': { description: 'PDF (text in DejaVu Sans, embedded)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, '422': problemResponse('Unknown query parameter or language'), ...common },
  },
})

const submission = (summary: string, role: string, body: Json): Json => ({
  post: {
    tags: ['channels'], summary, security: bearer, parameters: [idempotencyKey],
    description: `Role: ${role}. Runs the channel up to registration in one atomic write.`,
    requestBody: { required: true, content: body },
    responses: {
      '201': json('Registered, or refused with a recorded reason (status `rejected`)', ref('ApplicationStatus'), etag),
      '200': json('A retry: nothing new was written', ref('ApplicationStatus'), etag),
      ...common,
      '413': problemResponse('Body too large'),
      '415': problemResponse('Wrong content type'),
      '422': problemResponse('Validation failed'),
      '503': problemResponse('Registry or signature check unavailable; retry'),
    },
  },
})

const decision = (summary: string, role: string, schema: Json, extra: Json = {}): Json => ({
  post: {
    tags: ['decisions'], summary, security: bearer, parameters: [idParam, ifMatch, idempotencyKey],
    description: `Role: ${role}.`,
    requestBody: { required: true, content: { 'application/json': { schema } } },
    responses: {
      '200': json('Decided', ref('ApplicationStatus'), etag),
      ...common,
      '409': problemResponse('Not possible at the current stage'),
      '412': problemResponse('If-Match is stale: someone else decided first; nothing changed'),
      '415': problemResponse('Wrong content type'),
      '422': problemResponse('Validation failed'),
      ...extra,
    },
  },
})

const iin = { type: 'string', pattern: '^\\d{12}$', description: 'IIN with a valid check digit' }
const localDate = { type: 'string', format: 'date' }
const ref500 = { type: 'string', minLength: 1, maxLength: 500 }

const document = (): Json => ({
  openapi: '3.1.0',
  info: {
    title: 'kezek — housing waiting-list e-service',
    version: '1.0.0',
    description: 'Постановка на учет и очередность граждан, нуждающихся в жилище из государственного жилищного фонда. ' +
      `Errors are RFC 9457 problem details; \`type\` is one of ${PROBLEM_BASE}{${Object.keys(problemKinds).join(', ')}}.`,
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Problem: {
        type: 'object', required: ['type', 'title', 'status'],
        properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } },
      },
      ApplicationStatus: {
        type: 'object',
        properties: {
          applicationId: { type: 'string' }, iin: { type: ['string', 'null'] }, requestNumber: { type: ['string', 'null'] },
          serviceType: {}, providerId: { type: ['string', 'null'] }, channel: { type: ['string', 'null'] },
          status: { type: 'string', enum: [...statuses] },
          statusText: { type: 'string' }, since: { type: 'string', format: 'date-time' }, deadline: { type: ['string', 'null'], format: 'date-time' },
          deadlineExtendedUntil: { type: ['string', 'null'], format: 'date', description: 'the last day of the term as the provider extended it' },
          contactCentre: { type: ['object', 'null'], description: 'п.10–11 of the regulation; null where the seed names none (housing assistance)', properties: { phone: { const: '1414' }, text: { type: 'string' }, statusChannels: { type: 'string' } } },
          revision: { type: 'integer' }, queueNumberAtRegistration: { type: 'integer' }, rejection: { type: 'object' }, links: { type: 'object' },
          result: { type: 'object', description: 'An issued result document: kind, its name, issuedOn, validUntil' },
        },
      },
      PublicEntry: {
        type: 'object', description: 'No personal data',
        properties: {
          position: { type: 'integer' }, filedAt: { type: 'string' }, requestNumber: { type: 'string' }, category: { type: 'string' }, queueNumberAtRegistration: { type: 'integer' },
          journal: { type: 'object', description: 'Kindergarten Journal lists: the registration number and date', properties: { number: { type: 'string' }, date: localDate } },
        },
      },
      WalkInApplication: { oneOf: [ref('HousingWalkIn'), ref('ServiceWalkIn')] },
      ServiceWalkIn: {
        type: 'object', required: ['applicantIin', 'request', 'signedXml'],
        description: 'Any service but the housing queue: its typed request (see docs/services.md), signed in <request> fields',
        properties: {
          applicantIin: iin,
          request: { type: 'object', required: ['service', 'documents'], properties: { service: { type: 'string' }, documents: { type: 'array' } } },
          representative: { type: 'object', required: ['iin', 'powerOfAttorney'], properties: { iin, powerOfAttorney: ref500 } },
          package: { description: 'ЦОН intake of a paper package, where the service checks it (housing assistance)', oneOf: [
            { type: 'object', required: ['complete', 'receipt'], properties: { complete: { const: true }, receipt: { type: 'object' } } },
            { type: 'object', required: ['complete', 'missing'], properties: { complete: { const: false }, missing: { type: 'array', minItems: 1, items: ref500 } } },
          ] },
          signedXml: { type: 'string', description: 'The application XML (urn:kezek:application:1) signed by the officer or operator' },
        },
      },
      HousingWalkIn: {
        type: 'object', required: ['applicantIin', 'category', 'familySize', 'documents', 'signedXml'],
        properties: {
          applicantIin: iin, category: { type: 'string', enum: categories }, familySize: { type: 'integer', minimum: 1, maximum: 99 },
          documents: { type: 'array', items: { type: 'object', required: ['kind', 'digest'], properties: { kind: { type: 'string' }, digest: { type: 'string' } } } },
          representative: { type: 'object', required: ['iin', 'powerOfAttorney'], properties: { iin, powerOfAttorney: ref500 } },
          signedXml: { type: 'string', description: 'The application XML (urn:kezek:application:1) signed by the officer or operator' },
        },
      },
    },
  },
  paths: {
    '/health': { get: { tags: ['operations'], summary: 'Liveness', responses: { '200': json('Alive', { type: 'object' }) } } },
    '/ready': { get: { tags: ['operations'], summary: 'Readiness: read models caught up with the store', responses: { '200': json('Ready', { type: 'object' }), '503': problemResponse('Starting') } } },
    '/metrics': { get: { tags: ['operations'], summary: 'Prometheus metrics (JSON with Accept: application/json)', responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } } } } } },
    '/openapi.json': { get: { tags: ['operations'], summary: 'This document', responses: { '200': json('OpenAPI 3.1', { type: 'object' }) } } },
    '/v1/portal/applications': submission('Portal (ПЭП): submit the citizen-signed application XML', 'citizen',
      { 'application/xml': { schema: { type: 'string' } } }),
    '/v1/desk/applications': submission('Provider desk: officer enters data and signs; ГБД ФЛ looked up', 'provider_officer',
      { 'application/json': { schema: ref('WalkInApplication') } }),
    '/v1/service-centre/applications': submission('Service centre (ЦОН): operator enters data, power of attorney checked in ЕНИС', 'service_centre_operator',
      { 'application/json': { schema: ref('WalkInApplication') } }),
    '/v1/applications/{id}': { get: { tags: ['status'], summary: 'Status of one application', security: bearer, parameters: [idParam], responses: { '200': json('Status', ref('ApplicationStatus'), etag), ...common } } },
    '/v1/applications/{id}/result': {
      ...decision('Issue the result document of a certificate-type service (signed by the provider; its SHA-256 is recorded)', 'provider_officer',
        { type: 'object', required: ['result', 'issuedOn'], properties: { result: { type: 'object', required: ['kind'], properties: { kind: { enum: resultKindIds } } }, issuedOn: localDate } }),
      get: { tags: ['status'], summary: 'The signed result document (notification or motivated refusal)', security: bearer, parameters: [idParam], responses: { '200': { description: 'Signed XML', content: { 'application/xml': { schema: { type: 'string' } } } }, ...common } } },
    '/v1/applications/{id}/receipt': { get: { tags: ['status'], summary: 'The signed intake receipt (расписка), where the regulation gives one', security: bearer, parameters: [idParam], responses: { '200': { description: 'Signed XML', content: { 'application/xml': { schema: { type: 'string' } } } }, ...common } } },
    '/v1/applications/{id}/result.pdf': pdfCopy('A PDF copy of the result document, in one language (the signed XML of …/result is the legal original)'),
    '/v1/applications/{id}/receipt.pdf': pdfCopy('A PDF copy of the intake receipt, in one language (the signed XML of …/receipt is the legal original)'),
    '/v1/applications/{id}/position': { get: { tags: ['waiting list'], summary: 'Current position of the application in its list', security: bearer, parameters: [idParam], responses: { '200': json('Position', { type: 'object' }), ...common } } },
    '/v1/me/notices': { get: { tags: ['status'], summary: '«Уведомления»: the citizen’s notices (status changed, result ready), newest first', security: bearer,
      responses: { '200': json('Notices', { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } }), ...common } } },
    '/v1/services/{serviceId}/questionnaire': { get: { tags: ['status'], summary: 'The quality questionnaire of a service, in the request’s language (none for seed 003)',
      parameters: [{ name: 'serviceId', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } }],
      responses: { '200': json('Questionnaire', { type: 'object' }), '404': problemResponse('No questionnaire for this service') } } },
    '/v1/providers/{providerId}/questionnaire-results': { get: { tags: ['status'], summary: 'Questionnaire answers counted per provider, service and period (staff, auditors)', security: bearer,
      parameters: [providerParam, { name: 'serviceId', in: 'query', schema: { type: 'string' } }, { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } }, { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } }],
      responses: { '200': json('QuestionnaireResults', { type: 'object' }), ...common, '422': problemResponse('Bad query') } } },
    '/v1/applications/{id}/history': { get: { tags: ['audit'], summary: 'Audit history with provenance and the hash-chain verdict', security: bearer, parameters: [idParam], responses: { '200': json('History', { type: 'object' }, etag), ...common } } },
    '/v1/me/applications': { get: { tags: ['status'], summary: '«История получения услуг»: the citizen’s own applications, a page at a time', security: bearer,
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        { name: 'cursor', in: 'query', description: 'nextCursor of the previous page', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,200}$' } },
      ],
      responses: { '200': json('Applications', { type: 'object', properties: { items: { type: 'array', items: ref('ApplicationStatus') }, limit: { type: 'integer' }, nextCursor: { type: ['string', 'null'] } } }), ...common, '422': problemResponse('Bad query') } } },
    '/v1/providers/{providerId}/applications': { get: { tags: ['status'], summary: 'A provider’s applications (staff, auditors)', security: bearer, parameters: [providerParam, ...paging], responses: { '200': json('Applications', { type: 'object' }), ...common } } },
    '/v1/providers/{providerId}/lists': { get: { tags: ['waiting list'], summary: 'The provider’s category lists and their sizes (public)', parameters: [providerParam], responses: { '200': json('Lists', { type: 'object' }), '404': problemResponse('Unknown provider') } } },
    '/v1/providers/{providerId}/lists/{category}': { get: { tags: ['waiting list'], summary: 'Public page of a waiting list: positions and filing dates, no personal data', parameters: [providerParam, categoryParam, ...paging, asOf], responses: { '200': json('Page', { type: 'object', properties: { entries: { type: 'array', items: ref('PublicEntry') } } }), '404': problemResponse('Unknown list'), '422': problemResponse('Bad query') } } },
    '/v1/providers/{providerId}/lists/{category}/entries': { get: { tags: ['waiting list'], summary: 'Full entries (staff of the provider, auditors)', security: bearer, parameters: [providerParam, categoryParam, ...paging, asOf], responses: { '200': json('Page', { type: 'object' }), ...common } } },
    '/v1/applications/{id}/document-check': decision('Provider checks the documents: conforming, or a motivated refusal with reasons', 'provider_officer',
      { oneOf: [{ type: 'object', required: ['conforming'], properties: { conforming: { const: true } } }, { type: 'object', required: ['conforming', 'reasons'], properties: { conforming: { const: false }, reasons: { type: 'array', minItems: 1, items: ref500 } } }] }),
    '/v1/applications/{id}/queue-decision': decision('Commission decision: enter the applicant in the waiting list; the number at registration is computed', 'provider_officer',
      { type: 'object', required: ['commissionDecisionDate'], properties: {
        commissionDecisionDate: localDate, category: { type: 'string', enum: listCategories }, familySize: { type: 'integer' }, filedAt: { type: 'string', format: 'date-time' },
        journal: { type: 'object', required: ['number', 'date'], description: 'The kindergarten Journal entry (required for preschool_journal)', properties: { number: ref500, date: localDate } },
      } }),
    '/v1/applications/{id}/checks/record': decision('Look the record up in an outside register (guardianship register, state information systems); not found → refusal; register down → 503', 'provider_officer',
      { type: 'object', required: ['registry'], properties: { registry: { enum: Object.keys(Registry.keys) } } }, { '503': problemResponse('The register did not answer; retry') }),
    '/v1/applications/{id}/unclaimed': decision('ЦОН returns a result not collected within a month to the provider', 'service_centre_operator',
      { type: 'object', required: ['returnedOn', 'registryRef'], properties: { returnedOn: localDate, registryRef: ref500 } }),
    '/v1/applications/{id}/data-change': decision('Data changed (family size)', 'provider_officer', { type: 'object', required: ['familySize', 'note'], properties: { familySize: { type: 'integer' }, note: ref500 } }),
    '/v1/applications/{id}/family-succession': decision('The family keeps the place (Art. 73 p.2)', 'provider_officer', { type: 'object', required: ['ground', 'successorIin'], properties: { ground: { enum: ['applicant_died', 'applicant_moved_away'] }, successorIin: iin } }),
    '/v1/applications/{id}/deadline-extension': decision('The provider extends the service’s term before deciding (services whose regulation notifies an extension: 2, 4, 5, 6); the citizen is notified', 'provider_officer', { type: 'object', required: ['until', 'ground', 'decisionRef'], properties: { until: localDate, ground: { enum: ['documents_requested', 'inspection', 'additional_check'] }, decisionRef: ref500 } }),
    '/v1/applications/{id}/removal': decision('Removed from the list on a ground of Art. 73', 'provider_officer', { type: 'object', required: ['ground', 'decisionRef', 'decidedOn'], properties: { ground: { enum: ['grounds_ceased', 'moved_away_or_left_state_employment', 'untrue_information', 'acquired_housing'] }, decisionRef: ref500, decidedOn: localDate } }),
    '/v1/applications/{id}/housing-allocation': decision('Housing allocated', 'provider_officer', { type: 'object', required: ['dwellingRef', 'decisionRef', 'decidedOn'], properties: { dwellingRef: ref500, decisionRef: ref500, decidedOn: localDate } }),
    '/v1/applications/{id}/restoration': decision('Restored after a successful appeal', 'provider_officer', { type: 'object', required: ['appealRef', 'decidedOn'], properties: { appealRef: ref500, decidedOn: localDate } }),
    '/v1/applications/{id}/result-view': decision('The citizen viewed the result', 'citizen', { type: 'object' }),
    '/v1/personal-data/erasures': { post: {
      tags: ['personal data'], summary: 'Erase a person: destroy their keys, record who, when and on which legal ground (no personal data)', security: bearer, parameters: [idempotencyKey],
      description: 'Role: data_protection_officer. Answers once the read models have forgotten the person. See docs/personal-data.md.',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['iin', 'ground'], properties: { iin, ground: { type: 'string', minLength: 3, maxLength: 500, description: 'The legal ground; must not contain an IIN' } } } } } },
      responses: { '201': json('Erasure recorded', { type: 'object', properties: { erasureId: { type: 'string' }, erasedAt: { type: 'string' }, ground: { type: 'string' }, keysDestroyed: { type: 'integer' }, applications: { type: 'integer' } } }), ...common, '409': problemResponse('Encryption is off: nothing to erase'), '422': problemResponse('Bad IIN or ground') },
    } },
    '/v1/applications/{id}/questionnaire': decision('Quality questionnaire (2 questions × 3 answers)', 'citizen', { type: 'object', required: ['quality', 'information'], properties: { quality: { enum: [1, 2, 3] }, information: { enum: [1, 2, 3] } } }),
  },
})

/**
 * The document, each operation carrying who may call it and which events it may append (`x-kezek-callers`,
 * `x-kezek-scope`, `x-kezek-events`) from the route access table. An operation missing from the table fails here.
 */
export const openApiDocument = (): Json => {
  const doc = document()
  const paths = doc['paths'] as Record<string, Record<string, Json>>
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const access = accessOf(method, path)
      if (access === undefined) throw new Error(`routes/access.ts does not list ${method.toUpperCase()} ${path}`)
      operations[method] = { ...operation, 'x-kezek-callers': access.callers, 'x-kezek-scope': access.scope, 'x-kezek-events': access.events }
    }
  }
  return doc
}
