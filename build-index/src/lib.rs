//! build-index: turns a corpus folder into clean, structured documents and a
//! deployable static archive site.
