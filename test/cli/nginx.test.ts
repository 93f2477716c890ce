// probe and audit against nginx with hand-written add_header rules, the classic mistakes
// included (add_header without `always` on a 404/500, an `if` or a location that drops the
// inherited headers). Skipped, with the reason printed, when nginx is missing, unless
// CORSICA_REQUIRE_NGINX=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAudit } from '../../src/cli/audit.js'
import { createSend } from '../../src/cli/http-client.js'
import { runProbe } from '../../src/cli/probe.js'
import { NGINX_CASES, probeArgs } from './servers/fleet.js'
import type { Running } from './servers/listen.js'
import { nginxMissing, startNginx } from './servers/nginx.js'
import { ANY_ORIGIN_REFLECTED, findingIds } from './support.js'

const missing = nginxMissing()
if (missing !== undefined) {
  if (process.env.CORSICA_REQUIRE_NGINX === '1') throw new Error(`nginx suite: ${missing} (CORSICA_REQUIRE_NGINX=1)`)
  console.log(`nginx suite skipped: ${missing}. Set CORSICA_REQUIRE_NGINX=1 to make this a failure.`)
}

describe.skipIf(missing !== undefined)('nginx add_header rules', () => {
  let nginx: Running
  const send = createSend({ timeout: 5000 })
  beforeAll(async () => {
    nginx = await startNginx()
  }, 20_000)
  afterAll(() => nginx?.close())

  it.each(NGINX_CASES)('probe $path $request → $expect', async (row) => {
    const result = await runProbe(
      { url: `${nginx.url}${row.path}`, origin: 'http://localhost:5173', ...probeArgs(row.request) },
      send,
    )
    const chromium = result.simulation?.engines.chromium
    expect(chromium?.verdict === 'blocked' ? `blocked:${chromium.problem?.code}` : 'readable').toBe(row.expect)
  })

  it('the 404 without `always`: the fix says to send the headers on errors too', async () => {
    const result = await runProbe(
      { url: `${nginx.url}/missing`, origin: 'http://localhost:5173', ...probeArgs('simple') },
      send,
    )
    expect(result.simulation?.steps[0]?.response?.status).toBe(404)
    expect(result.simulation?.engines.chromium.problem?.fix.header).toContain('errors included')
  })

  it('audit: $http_origin reflected with credentials is a high finding', async () => {
    const report = await runAudit({ url: `${nginx.url}/ok`, origin: 'https://app.example' }, send)
    expect(findingIds(report)).toEqual(ANY_ORIGIN_REFLECTED)
  })

  it('audit: a location that only answers 404 fails its preflight too', async () => {
    const report = await runAudit({ url: `${nginx.url}/missing`, origin: 'https://app.example' }, send)
    expect(findingIds(report)).toEqual(['medium:preflight-status'])
    expect(report.trusted).toEqual({ credentials: false, plain: false, preflight: false })
    expect(report.notes[0]).toContain('no request got a 2xx answer (only 404)')
  })
})
