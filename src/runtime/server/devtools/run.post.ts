import { defineEventHandler, setResponseHeader } from 'h3'
import { runTask } from 'nitropack/runtime'
import { z } from 'zod'
import { useModuleConfig } from '../lib/config'
import { readLimitedJson } from '../lib/http/request-body'
import { assertLoopbackDevRequest } from './guard'

const runBodySchema = z.strictObject({ task: z.enum(['pleo-connect:verify', 'pleo-connect:rewrap']) })

// Registered by `nuxt dev` only: runs one of the module's tasks from the DevTools tab and answers its report.
export default defineEventHandler(async (event) => {
  assertLoopbackDevRequest(event, { changing: true })
  setResponseHeader(event, 'Cache-Control', 'no-store')
  const { task } = await readLimitedJson(event, runBodySchema, useModuleConfig().bodyLimit)
  return runTask(task, { payload: {} })
})
