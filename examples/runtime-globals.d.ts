// Just enough of Bun's and Deno's globals for `npm run typecheck` to check examples/bun.ts,
// examples/deno.ts and test/runtimes/servers/ against corsica's types, without installing
// @types/bun or Deno's types.
type FetchHandlerForServe = (request: Request) => Response | Promise<Response>

declare const Bun: {
  serve(options: { fetch: FetchHandlerForServe; port?: number; hostname?: string }): {
    readonly url: URL
    readonly port: number
    stop(): void
  }
}

declare const Deno: {
  serve(
    options: { port?: number; hostname?: string; onListen?: (address: { hostname: string; port: number }) => void },
    handler: FetchHandlerForServe,
  ): { readonly finished: Promise<void> }
  readonly env: { get(name: string): string | undefined }
}
