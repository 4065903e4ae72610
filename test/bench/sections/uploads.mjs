// Oversize bodies (P10): chunked uploads of 10 MiB each; the server stops reading at the cap.
import { postChunked } from '../../support/chunked-upload.mjs'
import { basicFixture, figure, loadVault, startServer } from '../support.mjs'

export async function run({ uploads }) {
  const vault = await loadVault()
  const app = await startServer(basicFixture(), { NUXT_PLEO_CONNECT_ENCRYPTION_KEY: vault.generateEncryptionKey() })
  try {
    let tooLarge = 0
    const rounds = []
    const third = Math.ceil(uploads / 3)
    for (let i = 0; i < uploads; i++) {
      if (i % third === 0) rounds.push(app.rssMb())
      const status = await postChunked(`${app.base}/api/_pleo-connect/connection`, 10 * 1024 * 1024, { origin: app.base })
      if (status === 413) tooLarge++
    }
    rounds.push(app.rssMb())
    // The first third warms the server's buffers up; the growth over the rest is what a flood costs.
    const growth = rounds.at(-1) - rounds[1]
    figure('uploads', 'P10', `413 for ${tooLarge}/${uploads} chunked 10 MiB uploads; server RSS per third: ${rounds.map(mb => mb.toFixed(1)).join(' → ')} MB (growth after warm-up ${growth.toFixed(1)} MB)`, { tooLarge, uploads, growthMb: growth })
  }
  finally {
    await app.stop()
  }
}
