/**
 * An async iterable taken in arrays of items, in order: for a reader of the log that does something once per window
 * instead of once per event (the personal-data decorator looks up a window's keys in one statement). Stopping early
 * closes the source, as `for await` does.
 *
 * The windows grow from `first` items, four times larger each, up to `size`: a walk of the whole log is a window of
 * `size` at a time after the first few, and a reader that takes one event and stops (a search, a peek at the head)
 * has not waited for `size` events to be read and prepared before its first.
 */
export async function* inWindows<T>(items: AsyncIterable<T>, size: number, first = size): AsyncGenerator<T[]> {
  let limit = Math.max(1, Math.min(first, size))
  let window: T[] = []
  for await (const item of items) {
    window.push(item)
    if (window.length >= limit) {
      yield window
      window = []
      limit = Math.min(size, limit * 4)
    }
  }
  if (window.length > 0) yield window
}
