import { request } from 'node:http'

const CHUNK = Buffer.alloc(64 * 1024, 'a')

/**
 * POSTs `bytes` of filler as a chunked JSON upload (no Content-Length, so a size check must count what it reads),
 * or with a Content-Length when `headers` gives one, and resolves with the response status as soon as it arrives,
 * or 0 if the connection failed first.
 * @param {string} url
 * @param {number} bytes
 * @param {Record<string, string>} [headers]
 * @returns {Promise<number>} the HTTP status, or 0
 */
export function postChunked(url, bytes, headers = {}) {
  return new Promise((resolve) => {
    const framing = Object.keys(headers).some(name => name.toLowerCase() === 'content-length') ? {} : { 'transfer-encoding': 'chunked' }
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...framing, ...headers } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', () => resolve(0))
    let sent = 0
    const pump = () => {
      while (sent < bytes) {
        sent += CHUNK.length
        if (!req.write(CHUNK)) return req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}
