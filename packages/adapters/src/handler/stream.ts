/**
 * One stream per application. The prefix keeps application streams apart from any other stream a store may hold
 * (checkpoints, other services) and lets a reader of `readAll` tell them apart without decoding.
 */
export const APPLICATION_STREAM_PREFIX = 'application-'

export const applicationStream = (applicationId: string): string => `${APPLICATION_STREAM_PREFIX}${applicationId}`

export const applicationIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(APPLICATION_STREAM_PREFIX) ? streamId.slice(APPLICATION_STREAM_PREFIX.length) : undefined
