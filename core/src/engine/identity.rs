//! The `id` operation.

use crate::contract::{IdInfo, IdRequest};
use crate::id;

pub(crate) fn info(req: &IdRequest) -> IdInfo {
    match id::parse(&req.id_number, req.today) {
        Ok(n) => IdInfo {
            valid: true,
            reason: None,
            kind: Some(n.kind()),
            normalized: Some(n.normalized().to_string()),
            birth_date: Some(n.birth_date()),
            sex: Some(n.sex()),
            region_code: Some(n.region_code().to_string()),
            masked: n.masked(),
        },
        Err(e) => IdInfo {
            valid: false,
            reason: Some(e.reason().to_string()),
            kind: None,
            normalized: None,
            birth_date: None,
            sex: None,
            region_code: None,
            masked: id::mask(req.id_number.trim()),
        },
    }
}
