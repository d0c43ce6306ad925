/**
 * The three channels. Each is one atomic write of the facts the regulation lists up to registration:
 *
 * - portal: authorize → sign (the citizen's signature on the application XML) → register;
 * - provider desk: authorize → ГБД ФЛ look-up → sign (the officer's signature) → register;
 * - service centre: authorize → ГБД ФЛ → ЕНИС (a notarised power of attorney) → sign (the operator's) → register.
 *
 * A refusal on the way (person not found, signature not confirmed) is recorded and answered 201 with status
 * `rejected`: it is the service's result, not a client error. Input that cannot be attributed to anyone (broken
 * XML, forged or wrapped signature) is a 4xx and nothing is stored.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { Router } from 'express'
import {
  Category, DocumentRef, IIN, Receipt, Reference, ServiceRequest, strictRulesOf,
  type ApplicationRequest, type Channel, type RequestNumber, type ServiceId,
} from '@kezek/domain'
import { emptyApplication, serviceRequestFields } from '@kezek/adapters'
import type { CommandItem, LoadedApplication } from '@kezek/adapters'
import type { Principal } from '../auth/principal.js'
import { contextOf, requirePrincipal } from '../middleware/context.js'
import { jsonBody, xmlBody } from '../middleware/body.js'
import { positionHeader } from '../resilience/read-your-writes.js'
import { setEtagHeader } from './shared.js'
import { isProblem, problem, type Problem } from '../problem/problem.js'
import { decodeInput } from '../http/decode.js'
import { handlerProblem, registryProblem } from '../http/errors.js'
import { postRoute, type CommandIds } from '../http/post.js'
import type { Outcome } from '../http/reply.js'
import { actorOf, correlationOf, definitionOf, execute, type Services } from '../http/services.js'
import { statusView } from '../http/views.js'
import type { ApplicationDocument, VerifiedRequest } from '../signature/port.js'
import type { RegistryUnavailable } from '../registries/port.js'
import { viewOfStream } from '../read-model/projections.js'
import { applicationIdOfSignature, signatureDigest } from '../signature/signature-digest.js'

export const FamilySize = t.refinement(t.Integer, (n) => n >= 1 && n <= 99, 'FamilySize')

const SignedXml = t.refinement(t.string, (s) => s.length > 0, 'SignedXml')
const Representative = t.type({ iin: IIN, powerOfAttorney: Reference })

/** ЦОН intake of a paper package (services that check it): the receipt, or the refusal to accept naming what is missing. */
export const PackageCheck = t.union([
  t.type({ complete: t.literal(true), receipt: Receipt }),
  t.type({ complete: t.literal(false), missing: t.refinement(t.readonlyArray(Reference), (m) => m.length > 0 && m.length <= 50, 'Missing') }),
], 'PackageCheck')

/** The housing request, as before the other services existed. */
const HousingWalkIn = t.intersection([
  t.type({
    applicantIin: IIN,
    category: Category,
    familySize: FamilySize,
    documents: t.readonlyArray(DocumentRef),
    /** The application XML as the officer or operator signed it (XMLDSig, enveloped). */
    signedXml: SignedXml,
  }),
  t.partial({ representative: Representative }),
], 'HousingWalkIn')

/** Any other service: its typed request (with its documents); the representative is stated beside it, as for housing. */
const ServiceWalkIn = t.intersection([
  t.type({ applicantIin: IIN, request: ServiceRequest, signedXml: SignedXml }),
  t.partial({ representative: Representative, package: PackageCheck }),
], 'ServiceWalkIn')

export const WalkInBody = t.union([HousingWalkIn, ServiceWalkIn], 'WalkInApplication')
export type WalkInBody = t.TypeOf<typeof WalkInBody>

/** Says an answer is the application a signed document filed before, not a new one. */
const REPLAYED = 'Kezek-Signed-Document-Replayed'

const unreadable = (v: Extract<VerifiedRequest, { kind: 'bad_input' | 'indeterminate' }>): Problem => {
  if (v.kind === 'indeterminate') return { ...problem('signature-indeterminate', v.detail, { code: v.code }), retryAfter: 60 }
  if (v.code === 'too_large') return problem('payload-too-large', v.detail, { code: v.code })
  if (v.code === 'malformed_xml' || v.code === 'dtd_forbidden') return problem('malformed-xml', v.detail, { code: v.code })
  return problem('invalid-signature-document', v.detail, { code: v.code })
}

/** Refused documents are logged (code only: the document may carry personal data) for the security team. */
const refused = (s: Services, res: Parameters<typeof contextOf>[0], v: Extract<VerifiedRequest, { kind: 'bad_input' | 'indeterminate' }>): Problem => {
  s.logger.log('warn', 'signed document refused', { correlationId: correlationOf(res), outcome: v.kind, code: v.code })
  return unreadable(v)
}

const registryDown = (s: Services, res: Parameters<typeof contextOf>[0], e: RegistryUnavailable): Problem => {
  s.logger.log('warn', 'registry unavailable', { correlationId: correlationOf(res), registry: e.registry, detail: e.detail })
  return registryProblem(e)
}

/** The document must be for a provider this service serves, under that provider's service. */
const checkDocument = (s: Services, d: ApplicationDocument): Problem | undefined => {
  if (!IIN.is(d.applicantIin)) return problem('validation-failed', 'the applicant IIN in the document fails its checksum', { errors: ['applicant.iin'] })
  const provider = s.providers.get(d.providerId)
  if (provider === undefined) return problem('validation-failed', `provider ${d.providerId} is not served here`, { errors: ['providerId'] })
  if (definitionOf(provider, d.serviceId) === undefined) return problem('validation-failed', `service ${d.serviceId} is not offered by ${d.providerId}`, { errors: ['serviceId'] })
  return undefined
}

type AnyRequest = ApplicationRequest | ServiceRequest

const isService = (r: AnyRequest): r is ServiceRequest => 'service' in r

/** Field by field, in any key order: the JSON body and the signed XML need not list fields alike. */
const fieldsKey = (r: ServiceRequest): string =>
  JSON.stringify([r.service, [...serviceRequestFields(r)].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))])

const sameRequest = (a: AnyRequest, b: AnyRequest): boolean => {
  const common = a.representativeIin === b.representativeIin && a.documents.length === b.documents.length &&
    a.documents.every((d, i) => d.kind === b.documents[i]?.kind && d.digest === b.documents[i]?.digest)
  if (!common) return false
  if (isService(a) || isService(b)) return isService(a) && isService(b) && fieldsKey(a) === fieldsKey(b)
  return a.category === b.category && a.familySize === b.familySize
}

/** Whether the service checks the paper package at intake in this channel (housing assistance at ЦОН). */
const checksPackage = (serviceId: string, channel: Channel): boolean =>
  strictRulesOf(serviceId as ServiceId)?.packageCheck.includes(channel) ?? false

const submitted = async (s: Services, res: Parameters<typeof contextOf>[0], applicationId: string, items: readonly CommandItem[], p: Principal, channel: Channel, known: LoadedApplication, onBehalfOf?: { iin: IIN; powerOfAttorney: string }): Promise<Outcome> => {
  const r = await execute(s, applicationId, items, {
    actor: actorOf(p, channel),
    correlationId: correlationOf(res),
    known,
    ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
  })
  if (E.isLeft(r)) return r.left
  const { view, handled } = r.right
  const provider = view?.status.providerId === undefined ? undefined : s.providers.get(view.status.providerId)
  const body = view === undefined
    ? { applicationId, status: handled.state.application.stage, revision: handled.revision }
    : statusView(view, provider, contextOf(res).lang)
  return {
    status: handled.duplicate ? 200 : 201,
    body,
    headers: {
      Location: `/v1/applications/${encodeURIComponent(applicationId)}`, ...setEtagHeader(handled.revision), ...positionHeader(handled.position),
      // Every command had been decided before: this signed document was filed already (the same Idempotency-Key).
      ...(handled.duplicate ? { [REPLAYED]: 'true' } : {}),
    },
  }
}

/**
 * A signed document already filed: its application (the id comes from the signature value), answered 200 whatever
 * the Idempotency-Key, so replaying one signed file never creates a second application. Right: the application
 * is new, and what was read is where the handler starts (no second read).
 *
 * The stream is read only when the read models know the application. Most submissions are new, and for them the
 * handler starts from an empty application without a round trip: the append expects a new stream, so if the
 * stream exists all the same (the read models lag behind a write, here or on another instance) the append fails,
 * the handler reads and decides again, registration is refused on the filed application, and `fileOnce` answers
 * the replay.
 */
const readFiled = async (s: Services, res: Parameters<typeof contextOf>[0], applicationId: string): Promise<E.Either<Outcome, LoadedApplication>> =>
  s.read.application(applicationId) === undefined ? E.right(emptyApplication(applicationId)) : readStored(s, res, applicationId)

const readStored = async (s: Services, res: Parameters<typeof contextOf>[0], applicationId: string): Promise<E.Either<Outcome, LoadedApplication>> => {
  const loaded = await s.handler.load(applicationId)
  if (E.isLeft(loaded)) return E.left(handlerProblem(loaded.left))
  const replay = replayOf(s, res, applicationId, loaded.right)
  return replay === undefined ? E.right(loaded.right) : E.left(replay)
}

const alreadyFiled = async (s: Services, res: Parameters<typeof contextOf>[0], applicationId: string): Promise<Outcome | undefined> => {
  const r = await readStored(s, res, applicationId)
  return E.isLeft(r) ? r.left : undefined
}

const replayOf = (s: Services, res: Parameters<typeof contextOf>[0], applicationId: string, loaded: LoadedApplication): Outcome | undefined => {
  if (loaded.events.length === 0) return undefined
  const view = viewOfStream(loaded.events)
  if (view === undefined) return undefined
  const provider = view.status.providerId === undefined ? undefined : s.providers.get(view.status.providerId)
  return {
    status: 200,
    body: statusView(view, provider, contextOf(res).lang),
    headers: { Location: `/v1/applications/${encodeURIComponent(applicationId)}`, ...setEtagHeader(view.revision), [REPLAYED]: 'true' },
  }
}

/**
 * The id of a new application: from the signature value, else (no single signature value) from the request ids. At a
 * service centre the paper package checked at intake is part of the submission too: a package refused as incomplete
 * is refused before signing, and the same signed document brought back with the full package is a new filing.
 */
const applicationIdFor = (xml: string, v: Extract<VerifiedRequest, { kind: 'read' }>, ids: CommandIds, unsigned?: unknown): string => {
  const digest = 'signatureDigest' in v ? v.signatureDigest : signatureDigest(xml)
  return digest === undefined ? ids.base : applicationIdOfSignature(digest, unsigned)
}

/** Files the commands, or — when a concurrent replay of the same signed document won the race — answers its application. */
const fileOnce = async (s: Services, res: Parameters<typeof contextOf>[0], applicationId: string, file: () => Promise<Outcome>): Promise<Outcome> => {
  const outcome = await file()
  if (isProblem(outcome) && (outcome.kind === 'precondition-failed' || outcome.kind === 'command-refused'))
    return (await alreadyFiled(s, res, applicationId)) ?? outcome
  return outcome
}

/**
 * The request number, drawn before deciding (it may come from the database, several instances sharing it), and
 * while the caller goes on reading: a submission that turns out to be a replay or is refused leaves its number
 * unused, which numbers allow (request-numbers.ts). Awaited by the caller; a failure nobody awaits is not reported.
 */
const drawNumber = (s: Services): Promise<RequestNumber> => {
  const n = s.numbers.next()
  n.catch(() => undefined)
  return n
}

const intake = (ids: CommandIds, applicationId: string, at: string, d: ApplicationDocument, channel: Channel, requestNumber: RequestNumber) => {
  return {
    authorize: {
      type: 'authorize', commandId: ids.of('authorize'), applicationId, at,
      serviceId: d.serviceId, providerId: d.providerId, channel, applicantIin: d.applicantIin, outcome: 'granted',
    },
    register: { type: 'register', commandId: ids.of('register'), applicationId, at, requestNumber },
  }
}

const onBehalfOfOf = (b: WalkInBody): { iin: IIN; powerOfAttorney: string } | undefined =>
  b.representative === undefined ? undefined : { iin: b.applicantIin, powerOfAttorney: b.representative.powerOfAttorney }

export const submissionRoutes = (s: Services): Router => {
  const r = Router()

  r.post('/v1/portal/applications', ...xmlBody(s.limits), postRoute(s, async (req, res, ids) => {
    const p = requirePrincipal(res)
    if (isProblem(p)) return p
    if (p.role !== 'citizen') return problem('forbidden', 'the portal channel is for citizens; staff use the desk or service-centre routes')
    if (typeof req.body !== 'string' || req.body.length === 0) return problem('malformed-xml', 'the body is empty')
    const now = s.clock()
    const v = await s.verifier.verifyRequest(req.body, now)
    if (v.kind !== 'read') return refused(s, res, v)
    const bad = checkDocument(s, v.document)
    if (bad !== undefined) return bad
    if (v.document.applicantIin !== p.iin) return problem('forbidden', 'a citizen may file only their own application')
    if (v.document.signedBy !== 'applicant')
      return problem('validation-failed', 'on the portal the applicant signs; staff-signed documents go to the desk or service-centre routes', { errors: ['staff'] })
    if (v.document.request.representativeIin !== undefined) return problem('validation-failed', 'representatives act through a service centre', { errors: ['representativeIin'] })
    const applicationId = applicationIdFor(req.body, v, ids)
    const at = now.toISOString()
    const number = drawNumber(s)
    const read = await readFiled(s, res, applicationId)
    if (E.isLeft(read)) return read.left
    const steps = intake(ids, applicationId, at, v.document, 'portal', await number)
    return fileOnce(s, res, applicationId, () => submitted(s, res, applicationId, [
      steps.authorize,
      { type: 'sign', commandId: ids.of('sign'), applicationId, at, request: v.document.request, signature: v.verdict },
      steps.register,
    ], p, 'portal', read.right))
  }))

  const walkIn = (channel: 'provider_desk' | 'service_centre') => postRoute(s, async (req, res, ids) => {
    const p = requirePrincipal(res)
    if (isProblem(p)) return p
    const role = channel === 'provider_desk' ? 'provider_officer' : 'service_centre_operator'
    if (p.role !== role) return problem('forbidden', `this channel is for the role ${role}`)
    const body = decodeInput(WalkInBody, req.body)
    if (E.isLeft(body)) return body.left
    const b = body.right
    if (b.representative !== undefined && channel !== 'service_centre')
      return problem('validation-failed', 'a representative with a power of attorney is received at a service centre only', { errors: ['representative'] })
    const now = s.clock()
    const v = await s.verifier.verifyRequest(b.signedXml, now)
    if (v.kind !== 'read') return refused(s, res, v)
    const d = v.document
    const bad = checkDocument(s, d)
    if (bad !== undefined) return bad
    if (d.providerId !== p.providerId) return problem('forbidden', 'staff file applications for their own provider only')
    const staffRole = channel === 'provider_desk' ? 'officer' : 'operator'
    if (d.signedBy !== staffRole)
      return problem('validation-failed', `the document must be signed by the ${staffRole} (<staff role="${staffRole}">)`, { errors: ['signedXml'] })
    const representativeIin = b.representative === undefined ? {} : { representativeIin: b.representative.iin }
    let request: AnyRequest
    if ('request' in b) {
      if (b.request.representativeIin !== undefined && b.request.representativeIin !== b.representative?.iin)
        return problem('validation-failed', 'a representative is stated in `representative`, with the power of attorney', { errors: ['request.representativeIin'] })
      request = { ...b.request, ...representativeIin }
    } else {
      request = { category: b.category, familySize: b.familySize, documents: b.documents, ...representativeIin }
    }
    if (d.applicantIin !== b.applicantIin || !sameRequest(d.request, request))
      return problem('validation-failed', 'the signed document does not state the submitted data', { errors: ['signedXml'] })
    const pkg = 'package' in b ? b.package : undefined
    const needsPackage = checksPackage(d.serviceId, channel)
    if (needsPackage && pkg === undefined)
      return problem('validation-failed', 'this service checks the paper package at intake: send `package` (the receipt, or what is missing)', { errors: ['package'] })
    if (!needsPackage && pkg !== undefined)
      return problem('validation-failed', 'this service does not check a paper package in this channel', { errors: ['package'] })

    const applicationId = applicationIdFor(b.signedXml, v, ids, pkg)
    // A replay is answered before the registers are asked again.
    const read = await readFiled(s, res, applicationId)
    if (E.isLeft(read)) return read.left
    const number = drawNumber(s)
    const person = await s.registries.persons.findPerson(b.applicantIin)
    if (E.isLeft(person)) return registryDown(s, res, person.left)
    const at = now.toISOString()
    const steps = intake(ids, applicationId, at, d, channel, await number)
    const items: CommandItem[] = [
      steps.authorize,
      {
        type: 'check_person', commandId: ids.of('check_person'), applicationId, at,
        result: person.right === undefined ? { found: false } : { found: true, registryReference: person.right.registryReference },
      },
    ]
    if (b.representative !== undefined && person.right !== undefined) {
      const poa = await s.registries.powersOfAttorney.findPowerOfAttorney({
        number: b.representative.powerOfAttorney, principalIin: b.applicantIin, representativeIin: b.representative.iin, at,
      })
      if (E.isLeft(poa)) return registryDown(s, res, poa.left)
      items.push({
        type: 'check_power_of_attorney', commandId: ids.of('check_power_of_attorney'), applicationId, at,
        representativeIin: b.representative.iin, powerOfAttorney: b.representative.powerOfAttorney,
        result: poa.right === undefined ? { found: false } : { found: true, registryReference: poa.right.registryReference },
      })
    }
    // An incomplete package is refused at intake (seed 003 п.12): the handler decides nothing after a refusal, so
    // the request is then neither signed nor registered.
    if (pkg !== undefined && person.right !== undefined)
      items.push({ type: 'check_package', commandId: ids.of('check_package'), applicationId, at, result: pkg })
    items.push({ type: 'sign', commandId: ids.of('sign'), applicationId, at, request, signature: v.verdict }, steps.register)
    return fileOnce(s, res, applicationId, () => submitted(s, res, applicationId, items, p, channel, read.right, onBehalfOfOf(b)))
  })

  r.post('/v1/desk/applications', ...jsonBody(s.limits), walkIn('provider_desk'))
  r.post('/v1/service-centre/applications', ...jsonBody(s.limits), walkIn('service_centre'))
  return r
}
