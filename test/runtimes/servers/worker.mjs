// A Cloudflare Worker module; bundled with esbuild into one ESM file and served by workerd.
import { app } from './app.mjs'

export default { fetch: (/** @type {Request} */ request) => app(request) }
