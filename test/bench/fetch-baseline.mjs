// The side-by-side baseline of the sweep's memory: the same number of GETs at the same concurrency through the
// module's HTTP stack (ofetch over Node's fetch) with no module around them. Prints the process's peak RSS in MB.
// Usage (by sections/sweep.mjs): node fetch-baseline.mjs <url> <calls> <concurrency>
import { readFileSync } from 'node:fs'
import { ofetch } from 'ofetch'

const [url, calls, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])]
let sent = 0
async function call() {
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), 10_000)
  try {
    const response = await ofetch.raw(`${url}/v1/installations/me`, { signal: deadline.signal, retry: 0, redirect: 'manual', ignoreResponseError: true, responseType: 'stream' })
    // Read whole, as the module reads an answer.
    let size = 0
    for await (const chunk of response.body) size += chunk.byteLength
    return size
  }
  finally {
    clearTimeout(timer)
  }
}
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (sent++ < calls) await call()
}))
console.log(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024)
