// Reporting a refusal to onReject, and noting it for debug or a candidate: the event, with a
// sentence for logs naming what failed.
import { ignoreRejection } from './request.js'
import { reasonOf, type Failure } from './decision.js'
import type { CompiledOptions } from './options.js'
import type { CorsDecision, CorsRequest } from './types.js'

/** Longest request value quoted in a log sentence. */
const QUOTE_LIMIT = 200

/** What onReject is told besides the refused decision. */
export interface RefusalContext {
  readonly request: CorsRequest
  readonly origin: string
  /** The first requested header allowedHeaders refuses, for a `headers` failure. */
  readonly refusedHeader?: string
}

/**
 * Calls onReject, if set, for a refused decision, and returns the decision, noted (a debug
 * header, or a candidate's sentence) when the policy notes refusals.
 */
export function reject(
  config: CompiledOptions,
  refused: CorsDecision,
  failure: Failure,
  context: RefusalContext,
): CorsDecision {
  const { noteRefusal } = config.reporting
  if (config.onReject === undefined && noteRefusal === undefined) return refused
  const reason = reasonOf(failure)
  const detail = describeFailure(config, failure, context)
  ignoreRejection(
    config.onReject?.({
      reason,
      kind: refused.kind === 'preflight' ? 'preflight' : 'actual',
      origin: context.origin,
      detail,
      request: context.request,
    }),
  )
  return noteRefusal === undefined ? refused : noteRefusal(refused, reason, detail)
}

function describeFailure(config: CompiledOptions, failure: Failure, context: RefusalContext): string {
  const { request, origin } = context
  switch (failure) {
    case 'origin':
      return `origin ${quote(origin)} is not allowed`
    case 'origin-syntax':
      return `Origin ${quote(origin)} is malformed`
    case 'method':
      return `method ${quote(request.requestMethod ?? '')} is not in methods (${config.methods.value})`
    case 'method-syntax':
      return `Access-Control-Request-Method ${quote(request.requestMethod ?? '')} is malformed`
    case 'headers':
      return `header ${quote(context.refusedHeader ?? '')} is not allowed${authorizationHint(config)}`
    case 'headers-syntax':
      return `Access-Control-Request-Headers ${quote(request.requestHeaders ?? '')} is malformed or too long`
    case 'private-network':
      return 'privateNetwork is off'
  }
}

function authorizationHint(config: CompiledOptions): string {
  return config.allowedHeaders.mode === 'any' ? " (Authorization must be listed beside '*')" : ''
}

/** JSON-quotes a request value for a log line, cut to QUOTE_LIMIT characters: no raw CR/LF reaches logs. */
export function quote(value: string): string {
  return JSON.stringify(value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value)
}
