// The checks of a preflight (Fetch Standard, "CORS-preflight fetch"), one per requested value.
// Each returns the failure it found, or undefined when the value is allowed.
import type { Failure } from './decision.js'
import type { CompiledOptions } from './options.js'
import { isToken, MAX_METHOD_LENGTH } from './tokens.js'

/** Methods a browser never preflights for, so a preflight naming them needs no listing. */
const SAFELISTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST'])

/** Access-Control-Request-Method: a token, compared byte for byte (browsers send `patch` as written). */
export function methodFailure(config: CompiledOptions, requestMethod: string): Failure | undefined {
  if (requestMethod.length > MAX_METHOD_LENGTH || !isToken(requestMethod)) return 'method-syntax'
  const { methods } = config
  if (methods.any || methods.allowed.has(requestMethod) || SAFELISTED_METHODS.has(requestMethod)) return undefined
  return 'method'
}

/**
 * Access-Control-Request-Headers, already parsed (undefined: malformed or over the caps).
 * Returns the failure and, when a name is refused, the first such name, for onReject.
 */
export function headersFailure(
  config: CompiledOptions,
  requested: readonly string[] | undefined,
): { readonly failure: Failure; readonly refusedHeader?: string } | undefined {
  if (requested === undefined) return { failure: 'headers-syntax' }
  const refusedHeader = requested.find((name) => isRefusedHeader(config, name))
  return refusedHeader === undefined ? undefined : { failure: 'headers', refusedHeader }
}

/** `*` covers any name but `authorization`, which must be listed beside it. */
function isRefusedHeader(config: CompiledOptions, name: string): boolean {
  const allowed = config.allowedHeaders
  switch (allowed.mode) {
    case 'reflect':
      return false
    case 'any':
      return !allowed.authorization && name === 'authorization'
    case 'list':
      return !allowed.names.has(name)
  }
}

/** Access-Control-Request-Private-Network: answered only when the option is on. */
export function privateNetworkFailure(config: CompiledOptions, requested: boolean): Failure | undefined {
  return requested && !config.privateNetwork ? 'private-network' : undefined
}
