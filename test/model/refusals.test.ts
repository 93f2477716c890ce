// Requests the browser refuses before sending anything: a URL with credentials (fetch() throws),
// mixed content (an https: page and an insecure http: URL); and a redirect to a URL with
// credentials, refused after the first hop. Each engine's console wording, read back by explain().
import { describe, expect, it } from 'vitest'
import { ENGINES, explain, simulate, type Send, type WireRequest } from '../../src/model/index.js'

function recorder(): { send: Send; got: WireRequest[] } {
  const got: WireRequest[] = []
  return {
    got,
    send: async (request) => {
      got.push(request)
      const origin = request.headers.find(([name]) => name === 'Origin')?.[1] ?? '*'
      return { status: 200, headers: [['Access-Control-Allow-Origin', origin]] }
    },
  }
}

describe('a URL with user info', () => {
  it.each(['https://alice:s3cret@api.example/x', 'https://alice@api.example/x', 'https://:s3cret@api.example/x'])(
    '%s: refused by every engine and the standard, nothing sent, the password never repeated',
    async (url) => {
      const { send, got } = recorder()
      const result = await simulate({ url, origin: 'https://app.example' }, send)
      expect(got).toEqual([])
      expect(result.verdict).toBe('blocked')
      expect(result.standard.problem?.code).toBe('invalid-request')
      for (const engine of ENGINES) {
        const outcome = result.engines[engine]
        expect(outcome.problem?.facts.why).toBe('Request cannot be constructed from a URL that includes credentials')
        expect(outcome.message).not.toContain('s3cret')
      }
      expect(result.engines.chromium.message).toBe(
        "TypeError: Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials",
      )
    },
  )

  it('a redirect to a URL with user info is refused after the first hop', async () => {
    const got: WireRequest[] = []
    const send: Send = async (request) => {
      got.push(request)
      return {
        status: 302,
        headers: [
          ['Access-Control-Allow-Origin', 'https://app.example'],
          ['Location', 'https://u:p@api.example/y'],
        ],
      }
    }
    const result = await simulate({ url: 'https://api.example/x', origin: 'https://app.example' }, send)
    expect(got.map((request) => request.url)).toEqual(['https://api.example/x'])
    expect(result.standard.problem).toMatchObject({ code: 'redirect-not-allowed', facts: { why: 'credentials' } })
    expect(result.engines.chromium.message).toContain(
      "Redirect location 'https://u:p@api.example/y' contains a username and password",
    )
  })
})

describe('mixed content', () => {
  it.each(['http://api.example/x', 'http://192.168.1.5/x', 'http://127.example/x'])(
    'an https: page fetching %s: blocked everywhere, nothing sent',
    async (url) => {
      const { send, got } = recorder()
      const result = await simulate({ url, origin: 'https://app.example' }, send)
      expect(got).toEqual([])
      expect(result.verdict).toBe('blocked')
      expect(result.standard.problem?.code).toBe('mixed-content')
      for (const engine of ENGINES) expect(result.engines[engine].problem?.code).toBe('mixed-content')
      expect(result.engines.chromium.message).toBe(
        `Mixed Content: The page at 'https://app.example/' was loaded over HTTPS, but requested an insecure resource '${url}'. This request has been blocked; the content must be served over HTTPS.`,
      )
      expect(result.engines.firefox.message).toBe(`Blocked loading mixed active content “${url}”`)
      expect(result.engines.webkit.message).toContain('[blocked] The page at https://app.example/ requested insecure')
      for (const engine of ENGINES) {
        const message = result.engines[engine].message ?? ''
        expect(explain(message)).toMatchObject({ engine, code: 'mixed-content', details: { url } })
      }
    },
  )

  it.each([
    ['https://app.example', 'http://localhost:8080/x'],
    ['https://app.example', 'http://api.localhost/x'],
    ['https://app.example', 'http://127.0.0.1:8080/x'],
    ['https://app.example', 'http://127.1.2.3/x'],
    ['https://app.example', 'http://[::1]:8080/x'],
    ['http://app.example', 'http://api.example/x'],
    ['https://app.example', 'https://api.example/x'],
    ['null', 'http://api.example/x'],
  ])('from %s to %s: not mixed content, sent', async (origin, url) => {
    const { send, got } = recorder()
    const result = await simulate({ url, origin }, send)
    expect(got).toHaveLength(1)
    expect(result.verdict).toBe('readable')
  })
})
