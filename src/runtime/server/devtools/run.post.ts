import { defineEventHandler, readBody, setResponseHeader } from 'h3'
import { runTask } from 'nitropack/runtime'
import { PleoConnectError } from '../lib/errors'
import { assertLoopbackDevRequest } from './guard'

const TASKS = new Set(['pleo-connect:verify', 'pleo-connect:rewrap'])

// Registered by `nuxt dev` only: runs one of the module's tasks from the DevTools tab and answers its report.
export default defineEventHandler(async (event) => {
  assertLoopbackDevRequest(event, { changing: true })
  setResponseHeader(event, 'Cache-Control', 'no-store')
  const body = await readBody<{ task?: unknown }>(event)
  if (typeof body?.task !== 'string' || !TASKS.has(body.task)) throw new PleoConnectError('invalid_request', { variant: 'invalid_field', field: 'task' })
  return runTask(body.task, { payload: {} })
})
