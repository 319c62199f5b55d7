import type { Clock, IdGenerator } from '../core/index.ts';
import type { MemoryItem, MemoryType, NewMemoryItem } from './memory-item.ts';

/** Filters shared by `search` and `list`. */
export interface MemoryFilter {
  /** Only items of this type (or of one of these types). */
  type?: MemoryType | readonly MemoryType[];
  /** Only items carrying every one of these tags. */
  tags?: readonly string[];
  /** Also items that were superseded; left out by default, since they no longer hold. */
  includeSuperseded?: boolean;
}

export interface SearchOptions extends MemoryFilter {
  /** At most this many hits (default 20). */
  limit?: number;
}

export interface ListOptions extends MemoryFilter {
  /** At most this many items; all when left out. */
  limit?: number;
}

/** One search result. */
export interface SearchHit {
  item: MemoryItem;
  /**
   * How well the item matches, higher is better: BM25 in SQLite, `ts_rank` in Postgres. Only
   * comparable within one search of one store.
   */
  score: number;
}

export interface WriteResult {
  /** The item as stored after the write. */
  item: MemoryItem;
  /** True when the write was a duplicate merged into an existing item (see `mergeDuplicate`). */
  merged: boolean;
}

/** What `writeMany` did with one item. */
export interface WrittenId {
  /** The item written, or the one it merged into. */
  id: string;
  merged: boolean;
}

export interface SupersedeResult {
  /** The old item, now pointing to its successor in `supersededBy`. */
  superseded: MemoryItem;
  /** The new item, listing the old one in `supersedes`. */
  successor: MemoryItem;
}

/**
 * Lessons, macros and feedback that outlive runs. Two implementations keep the same contract
 * (`memory-store-contract.ts` runs against both): SQLite with FTS5 for one person, Postgres
 * for a team. Every method is async because Postgres is. Errors are `LokiError`s with codes
 * `memory.*`.
 */
export interface MemoryStore extends AsyncDisposable {
  /** Where the store lives, with any password masked: a file path or a `postgres://` URL. */
  readonly location: string;
  /**
   * Stores an item, or merges it into the current item it duplicates (same key, or same
   * normalised content, of the same type). Throws `memory.invalid-item` for bad fields.
   */
  write(item: NewMemoryItem): Promise<WriteResult>;
  /**
   * Writes items in order in one transaction: all of them or, on any error, none. Each merges
   * as `write` does, also into an item written earlier in the same call. Every item is checked
   * before anything is written: a bad one throws `memory.invalid-item` naming its index.
   */
  writeMany(items: readonly NewMemoryItem[]): Promise<WrittenId[]>;
  /**
   * Full-text search, best match first. The query is free text: punctuation is ignored, and an
   * item matching more of its words (and rarer ones) ranks higher. A query without any word
   * finds nothing.
   */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** The item with this id, superseded or not, or `undefined`. */
  get(id: string): Promise<MemoryItem | undefined>;
  /** Items, most recently updated first. */
  list(options?: ListOptions): Promise<MemoryItem[]>;
  /**
   * Records that `newId` replaces `oldId`, linking both ways. Throws `memory.not-found` for an
   * unknown id and `memory.cannot-supersede` when the old item is already superseded, the new
   * one is, they are the same item, or of different types.
   */
  supersede(oldId: string, newId: string): Promise<SupersedeResult>;
  /**
   * Deletes an item; returns whether it existed. Items it superseded become current again,
   * and an item it replaced points nowhere.
   */
  forget(id: string): Promise<boolean>;
  /** Closes the file or connections. Idempotent. */
  close(): Promise<void>;
}

/** The outside things a store uses, injected so tests control time and ids. */
export interface MemoryStoreDependencies {
  clock?: Clock;
  generateId?: IdGenerator;
}
