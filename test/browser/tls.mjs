// A throwaway self-signed certificate for localhost: browsers speak HTTP/2 only over TLS, and the
// HTTP/2 rows need it (streamed uploads, lower-case methods that Node's HTTP/1.1 parser refuses).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** @typedef {{ key?: Buffer, cert?: Buffer, error?: string }} Tls */

/** @returns {Tls} */
export function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'corsica-browser-tls-'))
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key].concat([
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
      ]),
      { stdio: 'ignore' },
    )
    return { key: readFileSync(key), cert: readFileSync(cert) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { error: `openssl could not make a certificate (${message.split('\n')[0]})` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
