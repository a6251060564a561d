/**
 * Where the engine keeps its tables, for applications that keep theirs beside them: {@link
 * dev.boxoffice.engine.store.Storage} opens a named, migrated {@link dev.boxoffice.engine.store.Store}, and {@link
 * dev.boxoffice.engine.store.StoredTimes} is the engine's stored form of a time.
 */
package dev.boxoffice.engine.store;
