// The overall deadline of probe and audit: every request gets the per-request timeout or what is
// left of the deadline, whichever is shorter; a request the deadline cuts short, or one that would
// start after it, is a DeadlineError (exit status 2).
import type { Send } from '../model/index.js'
import { type ClientOptions, NetworkError } from './http-client.js'

/** The whole command took longer than --deadline. */
export class DeadlineError extends NetworkError {
  constructor(
    readonly deadline: number,
    url: string,
  ) {
    super(
      `gave up: the whole command took longer than --deadline ${deadline} ms (raise --deadline, or lower --timeout)`,
      url,
      'DEADLINE',
    )
  }
}

/** A Send that keeps every request within `deadline` ms of its creation. */
export function withDeadline(
  client: (options: ClientOptions) => Send,
  timeout: number,
  deadline: number,
  now: () => number = Date.now,
): Send {
  const end = now() + deadline
  return async (request) => {
    const left = end - now()
    if (left <= 0) throw new DeadlineError(deadline, request.url)
    const cutShort = left < timeout
    try {
      return await client({ timeout: cutShort ? left : timeout })(request)
    } catch (error) {
      if (cutShort && error instanceof NetworkError && error.code === 'ETIMEDOUT')
        throw new DeadlineError(deadline, request.url)
      throw error
    }
  }
}
