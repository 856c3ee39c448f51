"""MinHash signatures of articles: word shingles, serialisable for incremental runs."""

from __future__ import annotations

import re

import numpy as np
from datasketch import LeanMinHash, MinHash

from newsevents.clean.ids import normalise_for_id

# 5-word shingles: long enough that unrelated articles share almost none, short enough that a
# copy with an edited sentence or a dropped promo keeps most of them (the usual choice for
# near-duplicate news detection, e.g. Broder's resemblance work).
SHINGLE_WORDS = 5
# 128 permutations: the Jaccard estimate has a standard error of sqrt(J(1-J)/128), 0.035 at
# J = 0.8, for 517 bytes of signature per article.
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
_HEADER = b"NEMH1"  # format marker and version of the serialised signature
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of k-word shingles of the normalised text (the whole text when shorter)."""
    words = _WORD.findall(normalise_for_id(text))
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def minhash(text: str, num_perm: int = NUM_PERM) -> LeanMinHash:
    """The MinHash of a text's shingles."""
    m = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return LeanMinHash(m)


def to_bytes(m: LeanMinHash) -> bytes:
    """Serialise a signature: a header, then the hash values as little-endian uint32."""
    return _HEADER + np.asarray(m.hashvalues, dtype="<u4").tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    """Read a signature written by ``to_bytes``; raises ``ValueError`` for foreign data."""
    if not data.startswith(_HEADER) or (len(data) - len(_HEADER)) % 4:
        raise ValueError("not a newsevents MinHash signature (bad header or length)")
    values = np.frombuffer(data[len(_HEADER) :], dtype="<u4").astype(np.uint64)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def jaccard(a: LeanMinHash, b: LeanMinHash) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a.hashvalues) == np.asarray(b.hashvalues)))
