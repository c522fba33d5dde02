//! Exports: JSON, JSONL, CSV, ACLED, UCDP GED and GeoJSON.
