"""Validates every signature of a PDF with pyHanko (an independent PAdES verifier) against the
given trust anchors, printing one JSON object per signature, in file order.

usage: pyhanko_validate.py FILE.pdf ANCHOR.pem|der [ANCHOR ...]
"""

import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def main() -> None:
    path, anchors = sys.argv[1], sys.argv[2:]
    context = ValidationContext(trust_roots=[load_cert_from_pemder(a) for a in anchors])
    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        found = []
        for signature in reader.embedded_signatures:
            status = validate_pdf_signature(signature, context)
            level = status.modification_level
            found.append(
                {
                    "field": signature.field_name,
                    "intact": status.intact,
                    "valid": status.valid,
                    "trusted": status.trusted,
                    "coverage": status.coverage.name if status.coverage else None,
                    "modification_level": level.name if level else None,
                    "docmdp_ok": status.docmdp_ok,
                    "bottom_line": status.bottom_line,
                    "signer": status.signing_cert.subject.native.get("common_name"),
                    "subfilter": signature.sig_object.get("/SubFilter"),
                }
            )
    print(json.dumps(found, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
