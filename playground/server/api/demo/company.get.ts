// The host app's own server code calling Pleo with the stored key.
export default defineEventHandler(async (event) => {
  const pleo = await usePleoClient(event)
  const { data } = await pleo.fetch<{ data: { id: string, name: string } }>(`/v1/companies/${pleo.companyId}`)
  return { id: data.id, name: data.name }
})
