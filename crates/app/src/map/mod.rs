//! The map of who screens whom: records of every kind (create, change, delete, history), the
//! reference dataset, the overview figures per economy, and the exchange formats (SDMX-CSV, Kumu
//! workbooks, CSV and XLSX exports).

pub mod exchange;
pub mod kumu;
pub mod overview;
pub mod records;
pub mod reference;
