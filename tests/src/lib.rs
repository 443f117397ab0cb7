//! Ansinh end-to-end tests live in `tests/it/` (one test binary, `it`, a module per area).
