import type { H3Event } from 'h3'
import type { RateLimiter } from './faults'
import type { FakeStore } from './store'
import type { FakePleoOptions, FakeRequestRecord } from './types'

export type ResolvedOptions = Required<Omit<FakePleoOptions, 'keys' | 'companies' | 'log'>> & Pick<FakePleoOptions, 'log'>

/** The request body as received: absent, JSON, or not JSON at all. */
export type ReceivedBody
  = | { kind: 'none' }
    | { kind: 'json', value: unknown }
    | { kind: 'invalid' }

export interface RequestState {
  record: FakeRequestRecord
  /** Aborted when the client goes away before the answer is sent. */
  signal: AbortSignal
  body: ReceivedBody
  /** When the request reached the fake (`performance.now()`): a key's latency counts from here. */
  arrivedAt: number
}

/** What the routes of one fake share. */
export interface FakeContext {
  store: FakeStore
  options: ResolvedOptions
  limiter: RateLimiter
  request(event: H3Event): RequestState
}
