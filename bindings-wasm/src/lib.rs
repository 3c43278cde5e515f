//! WebAssembly binding of yibao (work in progress).
