//! The boundary: panics, pointers, strings, buffers and dates crossing into C.
//!
//! # Design
//! Every `extern "C"` body runs inside `boundary` (or `guard` for the few functions
//! that return no status), the one place that catches panics, so nothing unwinds into C
//! and nothing aborts the host process. Inside, arguments are read with the helpers below,
//! which turn a NULL pointer, a length above `isize::MAX` or invalid UTF-8 into a status
//! with `?`. Outputs are written last, after every check has passed.

use crate::status::yibao_status;
use chrono::{Datelike, NaiveDate};
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Result of the body of an exported function.
pub(crate) type FfiResult = Result<(), yibao_status>;

/// Runs `f`, turning a panic into `fallback`. The one place that catches panics.
pub(crate) fn guard<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    // AssertUnwindSafe: after a panic the only value used is `fallback`; shared state
    // (the engine's lock) recovers from poisoning explicitly.
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// Runs the body of a status-returning function: `Ok` → `YIBAO_STATUS_OK`, `Err(s)` → `s`,
/// a panic → `YIBAO_STATUS_PANIC`.
pub(crate) fn boundary(f: impl FnOnce() -> FfiResult) -> yibao_status {
    match guard(Err(yibao_status::Panic), f) {
        Ok(()) => yibao_status::Ok,
        Err(s) => s,
    }
}

/// Fails with `NullPointer` when `p` is NULL.
pub(crate) fn non_null<T>(p: *const T) -> FfiResult {
    if p.is_null() {
        Err(yibao_status::NullPointer)
    } else {
        Ok(())
    }
}

/// Reads `len` bytes at `ptr` as a slice.
///
/// # Safety
/// When `ptr` is not NULL it must point to `len` readable, initialised elements that stay
/// unchanged for `'a`.
pub(crate) unsafe fn slice_in<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T], yibao_status> {
    non_null(ptr)?;
    let bytes = len
        .checked_mul(std::mem::size_of::<T>().max(1))
        .ok_or(yibao_status::InvalidArgument)?;
    if bytes > isize::MAX as usize || !ptr.is_aligned() {
        return Err(yibao_status::InvalidArgument);
    }
    // SAFETY: `ptr` is non-null and aligned, the size fits `isize`, and the caller
    // guarantees `len` readable elements that outlive `'a`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Reads an optional slice: NULL with length 0 is absent (empty); NULL with a length is
/// `NullPointer`.
///
/// # Safety
/// As [`slice_in`].
pub(crate) unsafe fn optional_slice_in<'a, T>(
    ptr: *const T,
    len: usize,
) -> Result<&'a [T], yibao_status> {
    if ptr.is_null() && len == 0 {
        return Ok(&[]);
    }
    // SAFETY: forwarded from the caller.
    unsafe { slice_in(ptr, len) }
}

/// Reads a UTF-8 string given as pointer + length (no NUL needed).
///
/// # Safety
/// As [`slice_in`].
pub(crate) unsafe fn str_in<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, yibao_status> {
    // SAFETY: forwarded from the caller; `c_char` and `u8` have the same layout.
    let bytes = unsafe { slice_in(ptr.cast::<u8>(), len) }?;
    std::str::from_utf8(bytes).map_err(|_| yibao_status::InvalidUtf8)
}

/// A caller's output buffer: `buf` of `cap` bytes (NULL allowed when `cap` is 0, for a
/// size query) and `needed`, which receives the size the text needs, NUL included.
pub(crate) struct OutBuf {
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
}

impl OutBuf {
    /// Checks the pointers up front, before any work is done.
    pub(crate) fn new(
        buf: *mut c_char,
        cap: usize,
        needed: *mut usize,
    ) -> Result<Self, yibao_status> {
        non_null(needed)?;
        if buf.is_null() && cap != 0 {
            return Err(yibao_status::NullPointer);
        }
        if cap > isize::MAX as usize {
            return Err(yibao_status::InvalidArgument);
        }
        Ok(OutBuf { buf, cap, needed })
    }

    /// The size `text` needs, NUL included, or `OutOfRange`.
    fn size_for(text: &str) -> Result<usize, yibao_status> {
        text.len().checked_add(1).ok_or(yibao_status::OutOfRange)
    }

    /// True when `text` (and its NUL) fits.
    pub(crate) fn fits(&self, text: &str) -> bool {
        OutBuf::size_for(text).is_ok_and(|n| n <= self.cap)
    }

    /// Writes `text` and a NUL, and `*needed`; when it does not fit only `*needed` is
    /// written and the result is `BufferTooSmall`.
    ///
    /// # Safety
    /// `buf` must be writable for `cap` bytes and `needed` writable, as promised by the
    /// caller of the exported function.
    pub(crate) unsafe fn write(&self, text: &str) -> FfiResult {
        let size = OutBuf::size_for(text)?;
        // SAFETY: `needed` was checked non-null in `new` and the caller promises it is
        // writable; `write_unaligned` tolerates any alignment.
        unsafe { self.needed.write_unaligned(size) };
        if size > self.cap {
            return Err(yibao_status::BufferTooSmall);
        }
        // SAFETY: `size <= cap`, so `buf` is non-null (cap > 0) and writable for `size`
        // bytes; the source is a live `&str` that cannot overlap a caller's buffer.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), self.buf.cast::<u8>(), text.len());
            self.buf.add(text.len()).write(0);
        }
        Ok(())
    }

    /// Writes the contract's error JSON for `e` in `lang` and fails with its status (or with
    /// `BufferTooSmall` when the JSON does not fit).
    ///
    /// # Safety
    /// As [`OutBuf::write`].
    pub(crate) unsafe fn write_error(
        &self,
        e: &yibao_core::Error,
        lang: yibao_core::Lang,
    ) -> FfiResult {
        // SAFETY: forwarded from this function's caller.
        unsafe { self.write(&e.to_json_in(lang)) }?;
        Err(yibao_status::from_code(e.code()))
    }
}

/// Writes `value` through `out`, which was checked non-null.
///
/// # Safety
/// `out` must be non-null and writable for a `T`.
pub(crate) unsafe fn write_out<T>(out: *mut T, value: T) {
    // SAFETY: the caller's promise; `write_unaligned` tolerates any alignment and does not
    // read or drop the old (possibly uninitialised) value.
    unsafe { out.write_unaligned(value) }
}

/// One field of a result struct: its offset and size in bytes.
pub(crate) type Field = (usize, usize);

/// Above this, a `struct_size` is taken as not set (an old caller's struct, or garbage):
/// no result struct will ever be 4 KiB.
pub(crate) const MAX_STRUCT_SIZE: usize = 4096;

/// A caller-allocated struct whose first field is `size_t struct_size`: the caller sets it
/// to `sizeof` its struct, and the library writes (a result) or reads (a request) only the
/// fields that lie wholly within those bytes, so a newer library never goes past an older
/// caller's struct.
pub(crate) trait SizedResult: Copy {
    /// The size of the first published layout (the end of its last field): a smaller
    /// `struct_size` is refused.
    const MIN_SIZE: usize;
    /// Every field in layout order, `struct_size` (offset 0) first.
    const FIELDS: &'static [Field];
    /// The fields fill the struct with no padding between or after them, so a caller's
    /// struct of the full size is written in one copy (no padding byte is written).
    const UNPADDED: bool = unpadded(Self::FIELDS, std::mem::size_of::<Self>());
    /// The same value with `struct_size` set to `n`.
    fn with_struct_size(self, n: usize) -> Self;
}

/// True when `fields`, in layout order, follow each other from offset 0 to `size` with no
/// gap.
const fn unpadded(mut fields: &[Field], size: usize) -> bool {
    let mut end = 0;
    while let Some((&(offset, len), rest)) = fields.split_first() {
        if offset != end {
            return false;
        }
        end = offset + len;
        fields = rest;
    }
    end == size
}

/// Reads and checks the `struct_size` the caller set at the start of `*out`.
///
/// # Safety
/// When `out` is not NULL, its first `size_of::<usize>()` bytes must be readable.
pub(crate) unsafe fn struct_size_in<T: SizedResult>(out: *mut T) -> Result<usize, yibao_status> {
    non_null(out)?;
    // SAFETY: non-null, and the caller promises the struct (at least its leading
    // `struct_size`) is readable; `read_unaligned` tolerates any alignment.
    let size = unsafe { out.cast::<usize>().read_unaligned() };
    if size < T::MIN_SIZE || size > MAX_STRUCT_SIZE {
        return Err(yibao_status::InvalidStructSize);
    }
    Ok(size)
}

/// The bytes of `T` the library fills for a caller's `size`: the end of the last field that
/// fits wholly within both `size` and this library's own layout.
pub(crate) fn filled_size<T: SizedResult>(size: usize) -> usize {
    T::FIELDS
        .iter()
        .filter_map(|(offset, len)| offset.checked_add(*len))
        .filter(|end| *end <= size && *end <= std::mem::size_of::<T>())
        .max()
        .unwrap_or(0)
}

/// Writes the fields of `value` that lie wholly within the caller's `size` bytes at `out`
/// (and `struct_size`, set to the bytes filled); padding and anything past the last field
/// that fits are left as the caller had them.
///
/// # Safety
/// `out` must be non-null and writable for `size` bytes, `size` as read by
/// [`struct_size_in`].
pub(crate) unsafe fn write_sized<T: SizedResult>(out: *mut T, size: usize, value: T) {
    if T::UNPADDED && size >= std::mem::size_of::<T>() {
        // The caller's struct holds all of ours and ours has no padding: every byte is a
        // field. SAFETY: `out` is writable for `size >= size_of::<T>()` bytes (the
        // caller's promise); `write_unaligned` tolerates any alignment.
        unsafe { out.write_unaligned(value.with_struct_size(std::mem::size_of::<T>())) };
        return;
    }
    let value = value.with_struct_size(filled_size::<T>(size));
    let src = std::ptr::from_ref(&value).cast::<u8>();
    let dst = out.cast::<u8>();
    for (offset, len) in T::FIELDS {
        let fits = offset
            .checked_add(*len)
            .is_some_and(|end| end <= size && end <= std::mem::size_of::<T>());
        if fits {
            // SAFETY: the field lies within `value` (end <= size_of::<T>()) and within the
            // `size` bytes the caller promises writable; a local cannot overlap them.
            unsafe { std::ptr::copy_nonoverlapping(src.add(*offset), dst.add(*offset), *len) };
        }
    }
}

/// Reads a caller's request struct: its `struct_size` (checked as [`struct_size_in`]
/// checks a result's), then the fields that lie wholly within it; a field past it (one a
/// newer library appended and the caller's older header lacks) keeps its value in
/// `T::default()`, which says "not given".
///
/// # Safety
/// When `request` is not NULL, its first `struct_size` bytes must be readable.
pub(crate) unsafe fn read_sized<T: SizedResult + Default>(
    request: *const T,
) -> Result<T, yibao_status> {
    // SAFETY: forwarded from the caller; `struct_size_in` only reads.
    let size = unsafe { struct_size_in(request.cast_mut()) }?;
    let mut value = T::default();
    let src = request.cast::<u8>();
    let dst = std::ptr::from_mut(&mut value).cast::<u8>();
    for (offset, len) in T::FIELDS {
        let fits = offset
            .checked_add(*len)
            .is_some_and(|end| end <= size && end <= std::mem::size_of::<T>());
        if fits {
            // SAFETY: the field lies within the `size` bytes the caller promises readable
            // and within `value`; the request structs hold only integers and raw pointers,
            // for which every bit pattern is a value; a local cannot overlap them.
            unsafe { std::ptr::copy_nonoverlapping(src.add(*offset), dst.add(*offset), *len) };
        }
    }
    Ok(value)
}

/// Reads a date given as the number yyyymmdd, within the dates the JSON contract accepts
/// (1900-01-01..=2199-12-31).
pub(crate) fn date_in(yyyymmdd: u32) -> Result<NaiveDate, yibao_status> {
    // The library's date range (1900-01-01..=2199-12-31, `yibao::dates`) checked on the
    // number itself: this runs on the counter's hot path.
    if !(19_000_101..=21_991_231).contains(&yyyymmdd) {
        return Err(yibao_status::InvalidDate);
    }
    let year = i32::try_from(yyyymmdd / 10_000).map_err(|_| yibao_status::InvalidDate)?;
    NaiveDate::from_ymd_opt(year, yyyymmdd / 100 % 100, yyyymmdd % 100)
        .ok_or(yibao_status::InvalidDate)
}

/// A date as the number yyyymmdd; `None` is 0.
pub(crate) fn date_out(date: Option<NaiveDate>) -> u32 {
    date.and_then(|d| {
        let y = u32::try_from(d.year()).ok()?;
        Some(y * 10_000 + d.month() * 100 + d.day())
    })
    .unwrap_or(0)
}

/// An index as `int32_t`, -1 for none.
pub(crate) fn index_out(index: Option<usize>) -> Result<i32, yibao_status> {
    match index {
        None => Ok(-1),
        Some(i) => i32::try_from(i).map_err(|_| yibao_status::OutOfRange),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic, clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_panic_becomes_the_panic_status() {
        let s = boundary(|| panic!("boom"));
        assert_eq!(s, yibao_status::Panic);
        assert_eq!(guard(7, || -> i32 { panic!("boom") }), 7);
        assert_eq!(boundary(|| Err(yibao_status::Io)), yibao_status::Io);
        assert_eq!(boundary(|| Ok(())), yibao_status::Ok);
    }

    #[test]
    fn dates() {
        assert_eq!(date_in(20240229).map(|d| date_out(Some(d))), Ok(20240229));
        for bad in [
            0,
            20230229,
            20231301,
            20231000,
            18991231,
            22000101,
            u32::MAX,
        ] {
            assert_eq!(date_in(bad), Err(yibao_status::InvalidDate), "{bad}");
        }
        assert_eq!(date_out(None), 0);
    }
}
