// The shapes of corsica/model: what a page asks for, what goes on the wire, and how each engine
// (and the Fetch Standard) reads the answer. docs/design.md ("The browser model") says how it is checked.

/** The three browser engines the model reproduces. */
export type EngineName = 'chromium' | 'firefox' | 'webkit'

/** The Fetch Standard or one engine: whose rules a verdict follows. */
export type Reader = 'standard' | EngineName

/** A header list as it is on the wire: names as sent, repeats kept, in order. */
export type HeaderList = readonly (readonly [name: string, value: string])[]

/** What a page's script asks fetch() for. */
export interface PageRequest {
  /** Absolute URL of the resource. */
  readonly url: string
  /** The page's origin, e.g. `https://app.example`, or `null`. */
  readonly origin: string
  /** As the script wrote it; default `GET`. */
  readonly method?: string
  /** The script's request headers. */
  readonly headers?: HeaderList
  /** fetch()'s credentials mode; default `same-origin`. */
  readonly credentials?: 'omit' | 'same-origin' | 'include'
  /** The body: none, a string (sent as text/plain unless Content-Type is set), or a ReadableStream. */
  readonly body?: 'none' | 'text' | 'stream'
}

/** A request as a browser puts it on the wire (the model says what to send). */
export interface WireRequest {
  /** The absolute URL requested. */
  readonly url: string
  /** The method as sent (fetch() upper-cases only the six it normalizes). */
  readonly method: string
  /** The header lines the browser sends, Origin and the preflight's own included. */
  readonly headers: HeaderList
  /** What the body is on the wire, when there is one. */
  readonly body?: 'text' | 'stream'
}

/** A response as it came back: raw header lines (repeats kept). */
export interface WireResponse {
  /** The status code. */
  readonly status: number
  /** The header lines, names as sent, repeats kept. */
  readonly headers: HeaderList
}

/** Sends one request and returns the response without following redirects. The only I/O, injected. */
export type Send = (request: WireRequest) => Promise<WireResponse>

/** Why a step fails; a closed set of codes, each with a fix in server terms. */
export type ProblemCode =
  | 'preflight-status'
  | 'preflight-redirect'
  | 'allow-origin-missing'
  | 'allow-origin-multiple'
  | 'allow-origin-mismatch'
  | 'allow-origin-wildcard-credentials'
  | 'allow-credentials-missing'
  | 'method-not-allowed'
  | 'header-not-allowed'
  | 'authorization-wildcard'
  | 'redirect-not-allowed'
  | 'network-error'
  | 'unsupported-body'
  | 'invalid-request'
  | 'mixed-content'

/** The values a problem is about, for messages: the request header, the method, the value sent. */
export interface ProblemFacts {
  /** Which request the problem is about. */
  readonly step: 'preflight' | 'actual'
  /** The request header that is not allowed, lowercase (as the engine names it). */
  readonly header?: string
  /** The request method that is not allowed. */
  readonly method?: string
  /** The offending response value (Access-Control-Allow-Origin, -Credentials, a list). */
  readonly value?: string
  /** The response status. */
  readonly status?: number
  /** True when a response list could not be parsed (invalid token). */
  readonly unparsable?: 'methods' | 'headers'
  /** The redirect target. */
  readonly location?: string
  /** The serialized request origin the check compared with (`null` after a cross-origin redirect). */
  readonly origin?: string
  /** The URL of the request that failed. */
  readonly url?: string
  /** Why fetch() refused or a redirect was not followed, in words. */
  readonly why?: string
}

/** Why a step failed, in terms of what came back, with the fix. */
export interface Problem {
  /** Which check failed. */
  readonly code: ProblemCode
  /** One sentence in terms of what came back, e.g. "Access-Control-Allow-Headers does not list x-trace". */
  readonly detail: string
  /** The fix for any server and as corsica options. */
  readonly fix: {
    /** In header terms, for any server: "add `x-trace` to Access-Control-Allow-Headers". */
    readonly header: string
    /** As corsica options: "list `x-trace` in `allowedHeaders`". */
    readonly corsica: string
  }
  /** The values the problem is about; consoleMessage() words them as each engine does. */
  readonly facts: ProblemFacts
}

/** One engine's (or the standard's) reading of a step. */
export interface Verdict {
  /** True when the step passes its checks. */
  readonly ok: boolean
  /** What failed, when the step does not pass. */
  readonly problem?: Problem
  /** Console text the engine shows (an error, or a warning on an ok step). */
  readonly message?: string
}

/** The standard's and each engine's reading of one step. */
export interface Verdicts {
  /** The Fetch Standard's reading. */
  readonly standard: Verdict
  /** Each engine's reading. */
  readonly engines: Readonly<Record<EngineName, Verdict>>
}

/** One request of the flow and how it was read. */
export interface Step {
  /** A preflight, or the request itself (or one of its redirects). */
  readonly kind: 'preflight' | 'actual'
  /** What was sent. */
  readonly request: WireRequest
  /** Absent on a network error. */
  readonly response?: WireResponse
  /** How the standard and each engine read the answer. */
  readonly verdicts: Verdicts
  /** Why a preflight was needed (non-safelisted method/header names and the rule broken). */
  readonly reasons?: readonly string[]
  /** Who sent this request: the standard's flow and the engines that did. */
  readonly sentBy: readonly Reader[]
}

/** How one engine (or the standard) ended the whole flow. */
export interface EngineOutcome {
  /** Whether the page's script can read the final response. */
  readonly verdict: 'readable' | 'blocked'
  /** Why it is blocked. */
  readonly problem?: Problem
  /** The console text the engine shows for it. */
  readonly message?: string
  /** The response headers the script can read (safelisted + exposed), lowercase. */
  readonly readable?: readonly string[]
  /** How many preflights this engine sent (after the preflight cache). */
  readonly preflights: number
  /** The final response's status, when readable. */
  readonly status?: number
}

/** The whole flow, each engine apart. */
export interface Simulation {
  /** 'readable' when every engine lets the script read the final response. */
  readonly verdict: 'readable' | 'blocked'
  /** How each engine ended the flow. */
  readonly engines: Readonly<Record<EngineName, EngineOutcome>>
  /** How the Fetch Standard ends it. */
  readonly standard: EngineOutcome
  /** Every request sent, each once, in order. */
  readonly steps: readonly Step[]
}

/** What explain() makes of a pasted console message. */
export interface Explanation {
  /** The engine whose wording the message is in. */
  readonly engine: EngineName
  /** The problem it reports. */
  readonly code: ProblemCode
  /** What the message means, in a sentence. */
  readonly meaning: string
  /** The server setting to change. */
  readonly fix: Problem['fix']
  /** The values read from the message: url, origin, header, method, value, status. */
  readonly details: Record<string, string>
}
