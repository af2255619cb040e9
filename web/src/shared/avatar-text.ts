/**
 * The one character an avatar shows for a name. Names of people who are not friends come masked
 * (`*娜`, `张*`), so the first visible character is the first that is not a mask star: a row of
 * `*` avatars tells contacts apart no better than none.
 */
export function avatarText(name: string): string {
  return Array.from(name).find((char) => char !== '*' && char.trim() !== '') ?? '?'
}
