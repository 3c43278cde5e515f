//! C ABI of yibao (work in progress).
