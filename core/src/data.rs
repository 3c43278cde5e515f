//! The values of `core/data/*.toml`, generated at build time by `core/build.rs` (see its
//! docs for why they are not parsed at run time).

use crate::dates::Period;
use crate::money::Money;
use crate::national::{Continuity, Incentives, National, NationalStandard};
use crate::policy::{Cite, Exemption};

include!(concat!(env!("OUT_DIR"), "/data.rs"));
