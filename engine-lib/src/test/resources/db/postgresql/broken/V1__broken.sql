-- Fails on purpose: the storage contract checks that a failed migration names its store.
CREATE TABLE fine (id TEXT PRIMARY KEY);
CREATE TABLE TABLE;
