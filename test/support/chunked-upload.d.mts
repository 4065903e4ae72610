export function postChunked(url: string, bytes: number, headers?: Record<string, string>): Promise<number>
