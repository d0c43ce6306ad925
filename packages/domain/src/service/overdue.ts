/**
 * Which step each application is waiting for, when it falls due, and which are late at a given instant.
 *
 * How the clock of a pending step runs (our rule; the regulations give per-step terms and no counting rule):
 * - The path is the channel's success path (step 1, then every `continue` and every branch's "passes" side).
 * - The last step on that path whose completing fact is present is "done"; its fact's `at` starts the clock.
 * - The pending step is the next step on the path that completes with a fact of its own. Steps in between that
 *   leave no fact (choosing the service, routing to АРМ РШЭП) are folded into its clock: their maximum terms are
 *   added first, in order, then the pending step's own maximum term. A range's maximum is the deadline.
 * - A refusal or result fact ends the application: nothing is pending. Refusal steps never pend, because the
 *   failed condition and the refusal are recorded as one `rejected` fact.
 * - Before step 1's fact there is no application, so nothing is pending.
 * A step is overdue when `now` is strictly after its due instant.
 * - When the provider extended the service's term (`deadline_extended`), a step never falls due before the end of
 *   the extension's last day.
 */
import type { Channel } from '../application/channel.js'
import type { EventType } from '../application/events.js'
import type { ApplicationId } from '../kernel/ids.js'
import { toMillis, type Instant, type LocalDate } from '../kernel/instant.js'
import { addDuration, workingDaysWithin, type WorkingCalendar } from './calendar.js'
import { channelOf, completionMatches, type CheckKind, type ServiceDefinition, type Step, type StepNumber } from './definition.js'
import { largestWholeUnit, workingDays, type Duration } from './duration.js'

/** One fact of an application, as much as deadlines need: its type, its kind for `checked`, and when. */
export interface Fact {
  readonly type: EventType
  readonly at: Instant
  readonly check?: CheckKind
}

export interface ApplicationFacts {
  readonly applicationId: ApplicationId
  readonly channel: Channel
  readonly facts: readonly Fact[]
  /** When the term as the provider extended it ends (`extendedTermEnd`), if it did. */
  readonly extendedTo?: Instant
}

/** The last instant of `until` on the service's clock (`offsetMinutes` east of UTC): an extended term's end. */
export const extendedTermEnd = (until: LocalDate, offsetMinutes: number): Instant =>
  new Date(Date.parse(`${until}T23:59:59.999Z`) - offsetMinutes * 60_000).toISOString() as Instant

const later = (a: Instant, b: Instant | undefined): Instant => (b !== undefined && toMillis(b) > toMillis(a) ? b : a)

export interface Pending {
  readonly kind: 'pending'
  readonly channel: Channel
  /** The step awaited: the next one with a fact of its own. */
  readonly step: Step
  /** Steps whose terms make up the clock: fact-less steps before it, then the step itself. */
  readonly covers: readonly StepNumber[]
  /** When the previous step with a fact completed. */
  readonly since: Instant
  readonly dueAt: Instant
}

export type Progress =
  | Pending
  /** No fact of step 1 yet. */
  | { readonly kind: 'not_started' }
  /** A result or a refusal was issued. */
  | { readonly kind: 'finished' }
  /** The application's channel is not one this definition offers (a ЦОН application under a service without ЦОН). */
  | { readonly kind: 'channel_not_offered'; readonly channel: Channel }

const successPath = (steps: readonly Step[], first: Step): Step[] => {
  const path: Step[] = []
  for (let s: Step | undefined = first; s !== undefined && !path.includes(s); ) {
    path.push(s)
    const then: Step['then'] = s.then
    const next: StepNumber | undefined = then.kind === 'continue' ? then.next : then.kind === 'branch' ? then.ifPasses : undefined
    s = next === undefined ? undefined : steps.find((x) => x.number === next)
  }
  return path
}

const latestMatch = (step: Step, facts: readonly Fact[]): Fact | undefined => {
  const c = step.completedBy
  if (c === undefined) return undefined
  const completions = [c, ...(step.alsoCompletedBy ?? [])]
  return facts.filter((f) => completions.some((x) => completionMatches(x, f))).reduce<Fact | undefined>(
    (latest, f) => (latest === undefined || toMillis(f.at) >= toMillis(latest.at) ? f : latest),
    undefined,
  )
}

const isTerminal = (s: Step): boolean => s.then.kind === 'result' || s.then.kind === 'refusal'

/** Where one application stands on its channel's path, and when the awaited step falls due. */
export const progressOf = (def: ServiceDefinition, calendar: WorkingCalendar, app: ApplicationFacts): Progress => {
  const channel = channelOf(def, app.channel)
  if (channel === undefined) return { kind: 'channel_not_offered', channel: app.channel }
  const ended = channel.steps.some((s) => isTerminal(s) && latestMatch(s, app.facts) !== undefined)
  if (ended) return { kind: 'finished' }
  const path = successPath(channel.steps, channel.steps[0])
  const lastDone = path.reduce<number>((found, s, i) => (latestMatch(s, app.facts) !== undefined ? i : found), -1)
  const doneStep = path[lastDone]
  const doneFact = doneStep === undefined ? undefined : latestMatch(doneStep, app.facts)
  if (doneFact === undefined) return { kind: 'not_started' }
  const rest = path.slice(lastDone + 1)
  const pendingAt = rest.findIndex((s) => s.completedBy !== undefined)
  const step = rest[pendingAt]
  if (step === undefined) return { kind: 'finished' }
  const covered = rest.slice(0, pendingAt + 1)
  const dueAt = later(covered.reduce<Instant>((at, s) => addDuration(at, s.deadline.range.max, calendar), doneFact.at), app.extendedTo)
  return { kind: 'pending', channel: app.channel, step, covers: covered.map((s) => s.number), since: doneFact.at, dueAt }
}

/**
 * The deadline the regulation gives the citizen: the service's term, counted from the registration of the request
 * (the fact that gives it its number) through every later step of the success path up to the result — the bold
 * last cell of the tables, plus the minutes of the steps around it — or the end of the extended term if that is
 * later. None before registration (no term runs yet) and none once a result or a refusal was issued.
 */
export const serviceDeadlineOf = (def: ServiceDefinition, calendar: WorkingCalendar, app: ApplicationFacts): Instant | undefined => {
  const channel = channelOf(def, app.channel)
  if (channel === undefined || channel.steps.some((s) => isTerminal(s) && latestMatch(s, app.facts) !== undefined)) return undefined
  const path = successPath(channel.steps, channel.steps[0])
  const start = path.findIndex((s) => s.completedBy?.event === 'registered')
  const registration = path[start]
  const registered = registration === undefined ? undefined : latestMatch(registration, app.facts)
  if (registered === undefined) return undefined
  return later(path.slice(start + 1).reduce<Instant>((at, s) => addDuration(at, s.deadline.range.max, calendar), registered.at), app.extendedTo)
}

export interface OverdueStep extends Omit<Pending, 'kind'> {
  readonly applicationId: ApplicationId
  /**
   * How late, in the deadline's own terms: whole working days elapsed since the due instant for a working-day
   * term; otherwise the largest whole unit (seconds, minutes, hours, calendar days), rounded down.
   */
  readonly overdueBy: Duration
  readonly overdueMillis: number
}

export interface OverdueReport {
  readonly at: Instant
  /** Most overdue first (earliest due), ties by application id. */
  readonly overdue: readonly OverdueStep[]
  /** Applications this definition cannot judge: their channel is not offered. */
  readonly notAssessable: readonly { readonly applicationId: ApplicationId; readonly channel: Channel }[]
}

const lateness = (p: Pending, now: Instant, calendar: WorkingCalendar): Duration => {
  const unit = p.step.deadline.range.max.unit
  if (unit === 'working_days') return workingDays(workingDaysWithin(p.dueAt, now, calendar))
  return largestWholeUnit(toMillis(now) - toMillis(p.dueAt))
}

/** Every application whose awaited step is past due at `now`. Pure: `now` is an argument, never read from a clock. */
export const listOverdue = (
  def: ServiceDefinition,
  calendar: WorkingCalendar,
  now: Instant,
  applications: readonly ApplicationFacts[],
): OverdueReport => {
  const overdue: OverdueStep[] = []
  const notAssessable: { applicationId: ApplicationId; channel: Channel }[] = []
  for (const app of applications) {
    const p = progressOf(def, calendar, app)
    if (p.kind === 'channel_not_offered') notAssessable.push({ applicationId: app.applicationId, channel: app.channel })
    if (p.kind !== 'pending' || toMillis(now) <= toMillis(p.dueAt)) continue
    const { kind: _pending, ...rest } = p
    overdue.push({
      ...rest,
      applicationId: app.applicationId,
      overdueBy: lateness(p, now, calendar),
      overdueMillis: toMillis(now) - toMillis(p.dueAt),
    })
  }
  overdue.sort((a, b) => toMillis(a.dueAt) - toMillis(b.dueAt) || (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0))
  return { at: now, overdue, notAssessable }
}

