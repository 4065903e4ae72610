// How a call of the app's own code through usePleoClient failed, as values the browser can import without zod.
export const CALL_FAILURE_KINDS = ['rejected', 'forbidden', 'rate_limited', 'unavailable', 'unreachable', 'failed'] as const
export type CallFailureKind = typeof CALL_FAILURE_KINDS[number]
