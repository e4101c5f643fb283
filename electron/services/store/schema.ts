// The run-state database layout. user_version numbers the migrations, so a newer Pipewright
// upgrades an older workspace's state in place and an older one refuses a newer state.

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    pipeline TEXT NOT NULL,
    pipeline_file TEXT NOT NULL,
    environment TEXT,
    status TEXT NOT NULL,
    params TEXT NOT NULL,
    selection TEXT NOT NULL,
    options TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    owner_pid INTEGER,
    owner_started TEXT,
    message TEXT
  );
  CREATE INDEX runs_by_pipeline ON runs (pipeline, created_at);
  CREATE INDEX runs_by_status ON runs (status);

  CREATE TABLE step_runs (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    cached_from TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    exit_code INTEGER,
    started_at INTEGER,
    finished_at INTEGER,
    duration_ms INTEGER,
    cache_key TEXT,
    log_path TEXT,
    message TEXT,
    PRIMARY KEY (run_id, step_id)
  );

  CREATE TABLE attempts (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    pid INTEGER,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    exit_code INTEGER,
    signal TEXT,
    outcome TEXT,
    log_path TEXT NOT NULL,
    PRIMARY KEY (run_id, step_id, attempt)
  );

  CREATE TABLE step_outputs (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    path TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (run_id, step_id, path)
  );

  CREATE TABLE test_results (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    test_index INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    outcome TEXT NOT NULL,
    exit_code INTEGER,
    duration_ms INTEGER NOT NULL,
    message TEXT,
    log_path TEXT,
    PRIMARY KEY (run_id, step_id, test_index)
  );

  CREATE TABLE cache_entries (
    cache_key TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    tests_key TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE file_hashes (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    inode INTEGER NOT NULL,
    hash TEXT NOT NULL,
    hashed_at INTEGER NOT NULL
  );
  `,
  `
  CREATE TABLE validations (
    key TEXT PRIMARY KEY,
    result TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  `
  ALTER TABLE runs ADD COLUMN git_branch TEXT;
  ALTER TABLE runs ADD COLUMN git_commit TEXT;
  CREATE INDEX runs_by_branch ON runs (git_branch, created_at);
  `,
  `
  ALTER TABLE test_results ADD COLUMN stage TEXT NOT NULL DEFAULT 'output';
  ALTER TABLE test_results ADD COLUMN observed REAL;
  ALTER TABLE test_results ADD COLUMN expected TEXT;

  CREATE TABLE metrics (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    pipeline TEXT NOT NULL,
    environment TEXT NOT NULL,
    step_id TEXT NOT NULL,
    name TEXT NOT NULL,
    value REAL NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, step_id, name)
  );
  CREATE INDEX metrics_by_series ON metrics (pipeline, environment, step_id, name, recorded_at);

  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    environment TEXT NOT NULL,
    run_id TEXT NOT NULL,
    step_id TEXT,
    metric TEXT,
    rules TEXT NOT NULL,
    value REAL,
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    acknowledged_at INTEGER
  );
  CREATE INDEX alerts_open ON alerts (acknowledged_at, id);
  `,
  `
  CREATE TABLE metric_baselines (
    pipeline TEXT NOT NULL,
    environment TEXT NOT NULL,
    step_id TEXT NOT NULL,
    name TEXT NOT NULL,
    since INTEGER NOT NULL,
    PRIMARY KEY (pipeline, environment, step_id, name)
  );
  CREATE UNIQUE INDEX alerts_once ON alerts (run_id, kind, COALESCE(step_id, ''), COALESCE(metric, ''));
  `,
  `
  ALTER TABLE runs ADD COLUMN ref TEXT;
  ALTER TABLE runs ADD COLUMN trigger TEXT NOT NULL DEFAULT 'manual';
  ALTER TABLE runs ADD COLUMN trigger_name TEXT;
  ALTER TABLE runs ADD COLUMN images TEXT NOT NULL DEFAULT '{}';
  CREATE INDEX runs_by_trigger ON runs (trigger, trigger_name, created_at);

  CREATE TABLE schedule_claims (
    schedule TEXT NOT NULL,
    occurrence INTEGER NOT NULL,
    claimed_at INTEGER NOT NULL,
    claimed_by TEXT NOT NULL,
    run_id TEXT,
    outcome TEXT NOT NULL DEFAULT 'claimed',
    message TEXT,
    PRIMARY KEY (schedule, occurrence)
  );

  CREATE TABLE schedule_pauses (
    schedule TEXT PRIMARY KEY,
    paused_at INTEGER NOT NULL
  );

  CREATE TABLE promotions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    branch TEXT NOT NULL,
    commit_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    release TEXT,
    report TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX promotions_by_branch ON promotions (branch, created_at);
  `,
  `
  ALTER TABLE attempts ADD COLUMN pid_started TEXT;
  `,
  `
  ALTER TABLE schedule_claims ADD COLUMN claimer_host TEXT;
  ALTER TABLE schedule_claims ADD COLUMN claimer_pid INTEGER;
  ALTER TABLE schedule_claims ADD COLUMN claimer_started TEXT;
  `,
  `
  -- Newest-first history reads the first rows of an index instead of sorting every run, and
  -- pruning finds a run's cache entries without scanning them all.
  CREATE INDEX runs_by_created ON runs (created_at, id);
  CREATE INDEX cache_entries_by_run ON cache_entries (run_id);
  `,
  `
  CREATE TABLE stored_files (
    hash TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    stored_at INTEGER NOT NULL,
    used_at INTEGER NOT NULL
  );
  CREATE INDEX stored_files_by_use ON stored_files (used_at);

  CREATE TABLE step_files (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    role TEXT NOT NULL,
    declared TEXT NOT NULL,
    path TEXT NOT NULL,
    kind TEXT NOT NULL,
    hash TEXT,
    size INTEGER,
    PRIMARY KEY (run_id, step_id, role, path)
  );
  CREATE INDEX step_files_by_hash ON step_files (hash);
  `,
  // Lineage: what each finished step of a run read and wrote, with hashes, and the params it
  // saw. made_by_run is the run whose execution wrote the outputs (another run's for a cached
  // step).
  `
  CREATE TABLE lineage_steps (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    made_by_run TEXT NOT NULL,
    params TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, step_id)
  );

  CREATE TABLE lineage_files (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('input', 'output')),
    path TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (run_id, step_id, role, path)
  );
  CREATE INDEX lineage_files_by_path ON lineage_files (path, role, hash);
  `,
  `
  ALTER TABLE step_runs ADD COLUMN failure TEXT;
  ALTER TABLE alerts ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE alerts ADD COLUMN last_seen_at INTEGER;
  ALTER TABLE alerts ADD COLUMN last_run_id TEXT;
  CREATE TABLE alert_runs (
    alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    run_id TEXT NOT NULL,
    PRIMARY KEY (alert_id, run_id)
  );
  CREATE INDEX alert_runs_by_run ON alert_runs (run_id);
  INSERT INTO alert_runs (alert_id, run_id) SELECT id, run_id FROM alerts;
  `,
  // The permission bits of each stored step file, so a restored script keeps its executable bit
  // (null for rows recorded before: restored as 0644, as they always were).
  `
  ALTER TABLE step_files ADD COLUMN mode INTEGER;
  `,
  // The scratch folder of a replay run (its name under .pipewright/replays/), removed with the run.
  `
  ALTER TABLE runs ADD COLUMN replay_folder TEXT;
  `,
];
