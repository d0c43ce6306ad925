/**
 * An ordered set of keys under a caller-supplied total order, answering "how many keys come before this one"
 * (a waiting-list position) and "which key is at position i" (a page of the list) in O(log n) worst case.
 *
 * Structure: a counted B+tree. Leaves hold sorted key arrays and are linked left to right; branches hold separator
 * keys, their children and each child's subtree size. Why this and not a balanced binary tree or a skip list:
 * - a region's list is millions of entries; with fan-out 64 a million keys is three or four levels, each level one
 *   binary search over a contiguous array, so a lookup touches a handful of cache lines instead of ~20 scattered
 *   nodes, and the per-key overhead is one array slot instead of a node object with pointers and a size;
 * - it is deterministic (no random levels or priorities): the same operations always give the same tree, which a
 *   fold over events needs;
 * - bulk building from a sorted array is a single linear pass, the fast path of a full rebuild.
 *
 * Complexity (n keys, fan-out B, a constant): insert, remove, has, rank, at — O(log n) comparisons plus O(B) array
 * moves per level touched; slice(offset, limit) — O(log n + limit); iteration — O(n); fromSorted — O(n).
 *
 * Invariants (checked by `checkInvariants`): all leaves at one depth; every non-root node holds between
 * ⌊capacity/2⌋ and capacity keys (leaf) or children (branch); a root branch has at least two children; for a
 * branch, every key of child i is < separator i ≤ every key of child i+1, and counts[i] is child i's size.
 *
 * Mutable inside for speed, but a pure function of the operations applied: no clock, no randomness, no globals.
 */
import type { Either } from 'fp-ts/lib/Either.js'

export type Compare<K> = (a: K, b: K) => number

export interface RankedSetOptions {
  /**
   * Maximum keys per leaf and children per branch (an integer ≥ 4; default 64). Small values exist to exercise
   * deep trees in tests; 32–128 are within a few per cent of each other in V8.
   */
  readonly capacity?: number
}

/** `fromSorted` was given keys that are not strictly ascending under `compare`: keys[index-1] ≥ keys[index]. */
export interface KeysNotStrictlyAscending {
  readonly _tag: 'KeysNotStrictlyAscending'
  readonly index: number
}

interface Leaf<K> {
  readonly leaf: true
  keys: K[]
  next: Leaf<K> | undefined
}

interface Branch<K> {
  readonly leaf: false
  /** keys[i] separates children[i] and children[i+1]; length children.length - 1. */
  keys: K[]
  children: Node<K>[]
  /** counts[i] is the number of keys under children[i]. */
  counts: number[]
}

type Node<K> = Leaf<K> | Branch<K>

const DEFAULT_CAPACITY = 64

const newLeaf = <K>(keys: K[], next: Leaf<K> | undefined): Leaf<K> => ({ leaf: true, keys, next })

const newBranch = <K>(keys: K[], children: Node<K>[], counts: number[]): Branch<K> => ({
  leaf: false,
  keys,
  children,
  counts,
})

/** First index whose key is ≥ key. */
const lowerBound = <K>(keys: readonly K[], key: K, compare: Compare<K>): number => {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(keys[mid] as K, key) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index whose key is > key: the child of a branch that may hold key. */
const upperBound = <K>(keys: readonly K[], key: K, compare: Compare<K>): number => {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(keys[mid] as K, key) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

const sum = (xs: readonly number[]): number => {
  let s = 0
  for (let i = 0; i < xs.length; i++) s += xs[i] as number
  return s
}

const sizeOf = <K>(node: Node<K>): number => (node.leaf ? node.keys.length : sum(node.counts))

interface Split<K> {
  readonly separator: K
  readonly right: Node<K>
}

const splitLeaf = <K>(leaf: Leaf<K>): Split<K> => {
  const right = newLeaf(leaf.keys.splice(leaf.keys.length >>> 1), leaf.next)
  leaf.next = right
  return { separator: right.keys[0] as K, right }
}

const splitBranch = <K>(branch: Branch<K>): Split<K> => {
  const mid = branch.children.length >>> 1
  const children = branch.children.splice(mid)
  const counts = branch.counts.splice(mid)
  const keys = branch.keys.splice(mid - 1)
  const separator = keys.shift() as K
  return { separator, right: newBranch(keys, children, counts) }
}

/** Rejects a non-integer or too small capacity: a configuration defect, so it throws rather than returning. */
const capacityOf = (options: RankedSetOptions | undefined): number => {
  const c = options?.capacity ?? DEFAULT_CAPACITY
  if (!Number.isInteger(c) || c < 4) throw new RangeError(`RankedSet capacity must be an integer ≥ 4, got ${c}`)
  return c
}

/** Integer part of a page bound, clamped at 0; NaN counts as 0 and +Infinity stays (like Array.prototype.slice). */
const pageBound = (x: number): number => (x > 0 ? Math.floor(x) : 0)

let internals: <K>(set: RankedSet<K>) => { root: Node<K>; capacity: number }

export class RankedSet<K> implements Iterable<K> {
  private root: Node<K>
  private count = 0
  /** Bumped by every change, so an iterator can refuse to continue over a set changed under it. */
  private version = 0
  private readonly capacity: number
  private readonly minFill: number
  /** Descent path reused by insert and remove: branches and the child slot taken in each. */
  private readonly pathNodes: Branch<K>[] = []
  private readonly pathSlots: number[] = []

  static {
    internals = (set) => ({ root: set.root, capacity: set.capacity })
  }

  constructor(
    readonly compare: Compare<K>,
    options?: RankedSetOptions,
  ) {
    this.capacity = capacityOf(options)
    this.minFill = this.capacity >>> 1
    this.root = newLeaf<K>([], undefined)
  }

  /**
   * Builds a set in O(n) from keys already strictly ascending under `compare` (sort once, build once). Checks the
   * order in one linear pass and throws a RangeError naming the first offending index: the caller promised sorted
   * input, so a violation is a defect. Use `tryFromSorted` to get the violation as a value instead.
   */
  static fromSorted<K>(keys: readonly K[], compare: Compare<K>, options?: RankedSetOptions): RankedSet<K> {
    const built = RankedSet.tryFromSorted(keys, compare, options)
    if (built._tag === 'Left') {
      throw new RangeError(`RankedSet.fromSorted: keys are not strictly ascending at index ${built.left.index}`)
    }
    return built.right
  }

  /** Like `fromSorted`, but an unsorted or duplicated input is returned as a typed error. The input is not kept. */
  static tryFromSorted<K>(
    keys: readonly K[],
    compare: Compare<K>,
    options?: RankedSetOptions,
  ): Either<KeysNotStrictlyAscending, RankedSet<K>> {
    for (let i = 1; i < keys.length; i++) {
      if (!(compare(keys[i - 1] as K, keys[i] as K) < 0)) {
        return { _tag: 'Left', left: { _tag: 'KeysNotStrictlyAscending', index: i } }
      }
    }
    const set = new RankedSet<K>(compare, options)
    if (keys.length > 0) {
      set.root = buildTree(keys, set.capacity)
      set.count = keys.length
    }
    return { _tag: 'Right', right: set }
  }

  get size(): number {
    return this.count
  }

  has(key: K): boolean {
    const compare = this.compare
    let node = this.root
    while (!node.leaf) node = node.children[upperBound(node.keys, key, compare)] as Node<K>
    const i = lowerBound(node.keys, key, compare)
    return i < node.keys.length && compare(node.keys[i] as K, key) === 0
  }

  /** Number of keys strictly less than `key`; `key` need not be in the set. */
  rank(key: K): number {
    const compare = this.compare
    let node = this.root
    let rank = 0
    while (!node.leaf) {
      const slot = upperBound(node.keys, key, compare)
      const counts = node.counts
      for (let i = 0; i < slot; i++) rank += counts[i] as number
      node = node.children[slot] as Node<K>
    }
    return rank + lowerBound(node.keys, key, compare)
  }

  /** The key at 0-based `index`, or undefined when index is not an integer in [0, size). */
  at(index: number): K | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined
    const { leaf, offset } = this.locate(index)
    return leaf.keys[offset]
  }

  /** Up to `limit` keys in order starting at 0-based `offset`; bounds are floored and clamped at 0. */
  slice(offset: number, limit: number): K[] {
    const start = pageBound(offset)
    const wanted = Math.min(pageBound(limit), this.count - start)
    const page: K[] = []
    if (wanted <= 0) return page
    let { leaf, offset: i } = this.locate(start)
    for (;;) {
      const keys = leaf.keys
      while (i < keys.length) {
        page.push(keys[i++] as K)
        if (page.length === wanted) return page
      }
      leaf = leaf.next as Leaf<K>
      i = 0
    }
  }

  /** Adds `key`; false (and nothing changed) when an equal key is already present. */
  insert(key: K): boolean {
    const compare = this.compare
    const { pathNodes, pathSlots } = this
    let depth = 0
    let node = this.root
    while (!node.leaf) {
      const slot = upperBound(node.keys, key, compare)
      pathNodes[depth] = node
      pathSlots[depth] = slot
      depth++
      node = node.children[slot] as Node<K>
    }
    const i = lowerBound(node.keys, key, compare)
    if (i < node.keys.length && compare(node.keys[i] as K, key) === 0) return false

    node.keys.splice(i, 0, key)
    this.count++
    this.version++
    let split = node.keys.length > this.capacity ? splitLeaf(node) : undefined
    for (let d = depth - 1; d >= 0; d--) {
      const parent = pathNodes[d] as Branch<K>
      const slot = pathSlots[d] as number
      if (split === undefined) {
        parent.counts[slot] = (parent.counts[slot] as number) + 1
        continue
      }
      parent.counts[slot] = sizeOf(parent.children[slot] as Node<K>)
      parent.counts.splice(slot + 1, 0, sizeOf(split.right))
      parent.children.splice(slot + 1, 0, split.right)
      parent.keys.splice(slot, 0, split.separator)
      split = parent.children.length > this.capacity ? splitBranch(parent) : undefined
    }
    if (split !== undefined) {
      const left = this.root
      this.root = newBranch([split.separator], [left, split.right], [sizeOf(left), sizeOf(split.right)])
    }
    return true
  }

  /** Removes `key`; false (and nothing changed) when it is absent. */
  remove(key: K): boolean {
    const compare = this.compare
    const { pathNodes, pathSlots } = this
    let depth = 0
    let node = this.root
    while (!node.leaf) {
      const slot = upperBound(node.keys, key, compare)
      pathNodes[depth] = node
      pathSlots[depth] = slot
      depth++
      node = node.children[slot] as Node<K>
    }
    const i = lowerBound(node.keys, key, compare)
    if (i >= node.keys.length || compare(node.keys[i] as K, key) !== 0) return false

    // A separator equal to the removed key stays a valid bound (< right side, ≥ left side), so none is rewritten.
    node.keys.splice(i, 1)
    this.count--
    this.version++
    for (let d = depth - 1; d >= 0; d--) {
      const parent = pathNodes[d] as Branch<K>
      const slot = pathSlots[d] as number
      parent.counts[slot] = (parent.counts[slot] as number) - 1
      const child = parent.children[slot] as Node<K>
      if ((child.leaf ? child.keys.length : child.children.length) < this.minFill) this.rebalance(parent, slot)
    }
    let root = this.root
    while (!root.leaf && root.children.length === 1) root = root.children[0] as Node<K>
    this.root = root
    return true
  }

  *[Symbol.iterator](): Iterator<K> {
    const version = this.version
    let node = this.root
    while (!node.leaf) node = node.children[0] as Node<K>
    for (let leaf: Leaf<K> | undefined = node; leaf !== undefined; leaf = leaf.next) {
      for (let i = 0; i < leaf.keys.length; i++) {
        yield leaf.keys[i] as K
        // Fail fast: continuing over a changed tree would silently skip or repeat keys.
        if (this.version !== version) throw new Error('RankedSet changed during iteration')
      }
    }
  }

  /** The leaf holding the key at `index` (0 ≤ index < size) and its offset there. */
  private locate(index: number): { leaf: Leaf<K>; offset: number } {
    let node = this.root
    while (!node.leaf) {
      const counts = node.counts
      let i = 0
      while (index >= (counts[i] as number)) index -= counts[i++] as number
      node = node.children[i] as Node<K>
    }
    return { leaf: node, offset: index }
  }

  /**
   * Child `slot` of `parent` fell below the minimum fill: pool it with a neighbour and either merge the two (if they
   * fit in one node) or split them evenly, so neither is left near the minimum to underflow again at once.
   */
  private rebalance(parent: Branch<K>, slot: number): void {
    const l = slot > 0 ? slot - 1 : slot
    const left = parent.children[l] as Node<K>
    const right = parent.children[l + 1] as Node<K>
    const separator = parent.keys[l] as K
    if (left.leaf) {
      const rightLeaf = right as Leaf<K>
      const keys = left.keys.concat(rightLeaf.keys)
      if (keys.length <= this.capacity) {
        left.keys = keys
        left.next = rightLeaf.next
        this.dropRight(parent, l, keys.length)
        return
      }
      const mid = keys.length >>> 1
      left.keys = keys.slice(0, mid)
      rightLeaf.keys = keys.slice(mid)
      parent.keys[l] = rightLeaf.keys[0] as K
      parent.counts[l] = mid
      parent.counts[l + 1] = keys.length - mid
      return
    }
    const rightBranch = right as Branch<K>
    const children = left.children.concat(rightBranch.children)
    const counts = left.counts.concat(rightBranch.counts)
    const keys = left.keys.concat([separator], rightBranch.keys)
    if (children.length <= this.capacity) {
      left.children = children
      left.counts = counts
      left.keys = keys
      this.dropRight(parent, l, sum(counts))
      return
    }
    const mid = children.length >>> 1
    left.children = children.slice(0, mid)
    left.counts = counts.slice(0, mid)
    left.keys = keys.slice(0, mid - 1)
    rightBranch.children = children.slice(mid)
    rightBranch.counts = counts.slice(mid)
    rightBranch.keys = keys.slice(mid)
    parent.keys[l] = keys[mid - 1] as K
    parent.counts[l] = sum(left.counts)
    parent.counts[l + 1] = sum(rightBranch.counts)
  }

  /** After children l and l+1 were merged into l: forget l+1 and its separator. */
  private dropRight(parent: Branch<K>, l: number, mergedSize: number): void {
    parent.children.splice(l + 1, 1)
    parent.counts.splice(l + 1, 1)
    parent.keys.splice(l, 1)
    parent.counts[l] = mergedSize
  }
}

/**
 * One level at a time, bottom up: nodes are cut as evenly as possible into ⌈n / capacity⌉ groups, so every node is
 * at least half full and the tree is as shallow as the capacity allows.
 */
const buildTree = <K>(keys: readonly K[], capacity: number): Node<K> => {
  let nodes: Node<K>[] = []
  let firsts: K[] = []
  let sizes: number[] = []
  const leafCount = Math.ceil(keys.length / capacity)
  let previous: Leaf<K> | undefined
  for (let j = 0; j < leafCount; j++) {
    const from = Math.floor((j * keys.length) / leafCount)
    const to = Math.floor(((j + 1) * keys.length) / leafCount)
    const leaf = newLeaf(keys.slice(from, to), undefined)
    if (previous !== undefined) previous.next = leaf
    previous = leaf
    nodes.push(leaf)
    firsts.push(keys[from] as K)
    sizes.push(to - from)
  }
  while (nodes.length > 1) {
    const groupCount = Math.ceil(nodes.length / capacity)
    const upNodes: Node<K>[] = []
    const upFirsts: K[] = []
    const upSizes: number[] = []
    for (let j = 0; j < groupCount; j++) {
      const from = Math.floor((j * nodes.length) / groupCount)
      const to = Math.floor(((j + 1) * nodes.length) / groupCount)
      const counts = sizes.slice(from, to)
      upNodes.push(newBranch(firsts.slice(from + 1, to), nodes.slice(from, to), counts))
      upFirsts.push(firsts[from] as K)
      upSizes.push(sum(counts))
    }
    nodes = upNodes
    firsts = upFirsts
    sizes = upSizes
  }
  return nodes[0] as Node<K>
}

/**
 * Every broken structural invariant of `set`, as readable messages (empty when sound). Linear in the size of the
 * set: for tests and diagnostics, never on a hot path.
 */
export const checkInvariants = <K>(set: RankedSet<K>): readonly string[] => {
  const { root, capacity } = internals(set)
  const minFill = capacity >>> 1
  const compare = set.compare
  const problems: string[] = []
  const leaves: Leaf<K>[] = []
  let leafDepth = -1

  // Returns the subtree's size and its smallest and largest keys (undefined for an empty root leaf).
  const walk = (node: Node<K>, depth: number, path: string): { size: number; min?: K; max?: K } => {
    const isRoot = node === root
    if (node.leaf) {
      leaves.push(node)
      if (leafDepth === -1) leafDepth = depth
      else if (depth !== leafDepth) problems.push(`${path}: leaf at depth ${depth}, others at ${leafDepth}`)
      const n = node.keys.length
      if (n > capacity) problems.push(`${path}: leaf holds ${n} keys > capacity ${capacity}`)
      if (!isRoot && n < minFill) problems.push(`${path}: leaf holds ${n} keys < minimum ${minFill}`)
      for (let i = 1; i < n; i++) {
        if (!(compare(node.keys[i - 1] as K, node.keys[i] as K) < 0)) problems.push(`${path}: keys out of order at ${i}`)
      }
      return n === 0 ? { size: 0 } : { size: n, min: node.keys[0] as K, max: node.keys[n - 1] as K }
    }
    const m = node.children.length
    if (node.keys.length !== m - 1) problems.push(`${path}: ${node.keys.length} separators for ${m} children`)
    if (node.counts.length !== m) problems.push(`${path}: ${node.counts.length} counts for ${m} children`)
    if (m > capacity) problems.push(`${path}: ${m} children > capacity ${capacity}`)
    if (isRoot ? m < 2 : m < minFill) problems.push(`${path}: ${m} children < minimum ${isRoot ? 2 : minFill}`)
    let size = 0
    let min: K | undefined
    let max: K | undefined
    for (let i = 0; i < m; i++) {
      const child = walk(node.children[i] as Node<K>, depth + 1, `${path}/${i}`)
      if (child.size !== node.counts[i]) problems.push(`${path}: counts[${i}] = ${node.counts[i]}, child has ${child.size}`)
      if (child.min === undefined || child.max === undefined) {
        problems.push(`${path}/${i}: empty non-root node`)
        continue
      }
      const below = node.keys[i - 1]
      const above = node.keys[i]
      if (i > 0 && compare(below as K, child.min) > 0) problems.push(`${path}/${i}: smallest key below separator ${i - 1}`)
      if (i < m - 1 && !(compare(child.max, above as K) < 0)) problems.push(`${path}/${i}: largest key not below separator ${i}`)
      size += child.size
      if (min === undefined) min = child.min
      max = child.max
    }
    return min === undefined || max === undefined ? { size } : { size, min, max }
  }

  const total = walk(root, 0, 'root')
  if (total.size !== set.size) problems.push(`size is ${set.size}, tree holds ${total.size}`)
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i] as Leaf<K>
    if (leaf.next !== leaves[i + 1]) problems.push(`leaf ${i}: next link does not point to leaf ${i + 1}`)
    const next = leaf.next
    if (next !== undefined && leaf.keys.length > 0 && next.keys.length > 0) {
      if (!(compare(leaf.keys[leaf.keys.length - 1] as K, next.keys[0] as K) < 0)) problems.push(`leaf ${i}: overlaps next leaf`)
    }
  }
  return problems
}
