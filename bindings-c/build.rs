//! Gives the shared library its SONAME, `libyibao.so.MAJOR` (`libyibao.so.0` while 0.x):
//! the ABI promise of bindings-c/README.md ("ABI promise"). A program linked against it
//! records that name, so the loader never hands it a library of another major version.
//! Cargo names the file `libyibao_c.so`; `make install` installs it as
//! `libyibao.so.MAJOR.MINOR.PATCH` with the two symlinks.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let family = std::env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    if family == "unix" && os != "macos" && os != "ios" {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libyibao.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
