import { describe, expect, it } from 'vitest'
import { KeyedMutex } from './keyed-mutex.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('KeyedMutex', () => {
  it('runs work for one key in turn and other keys in parallel', async () => {
    const mutex = new KeyedMutex()
    const log: string[] = []
    const task = (key: string, name: string) =>
      mutex.run(key, async () => {
        log.push(`start ${name}`)
        await sleep(10)
        log.push(`end ${name}`)
        return name
      })
    const results = await Promise.all([task('a', 'a1'), task('a', 'a2'), task('b', 'b1')])
    expect(results).toEqual(['a1', 'a2', 'b1'])
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'))
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'))
  })

  it('releases the key when work throws, and refuses callers beyond the bound', async () => {
    const mutex = new KeyedMutex(2)
    await expect(mutex.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    )
    expect(await mutex.run('k', async () => 'after')).toBe('after')
    const slow = mutex.run('k', () => sleep(20))
    const second = mutex.run('k', () => sleep(1))
    await expect(mutex.run('k', () => sleep(1))).rejects.toThrow(/too many waiters/)
    await Promise.all([slow, second])
  })
})
