/**
 * An async iterable taken in arrays of at most `size` items, in order: for a reader of the log that does something
 * once per window instead of once per event (the personal-data decorator looks up a window's keys in one
 * statement). Stopping early closes the source, as `for await` does.
 */
export async function* inWindows<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let window: T[] = []
  for await (const item of items) {
    window.push(item)
    if (window.length >= size) {
      yield window
      window = []
    }
  }
  if (window.length > 0) yield window
}
