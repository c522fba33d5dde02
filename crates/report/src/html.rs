//! The situation report: one self-contained HTML file.
