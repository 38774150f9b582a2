# An independent signer for the oracle tests: botocore's CloudFrontSigner with an RSA signer from
# `cryptography` (PKCS#1 v1.5, SHA-1 — what CloudFront verifies). Reads one JSON document on stdin:
#   {"key": PEM path, "keyPairId": ID, "cases": [{"url", "expires"} | {"url", "policy"}
#                                                | {"buildPolicy": {"resource", "expires", "starts"?, "ip"?}}]}
# and prints a JSON list: the signed URL for a signing case, the policy JSON for a buildPolicy case.
import datetime
import json
import sys

from botocore.signers import CloudFrontSigner
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def main():
    request = json.load(sys.stdin)
    with open(request["key"], "rb") as handle:
        key = serialization.load_pem_private_key(handle.read(), password=None)
    signer = CloudFrontSigner(
        request["keyPairId"], lambda message: key.sign(message, padding.PKCS1v15(), hashes.SHA1())
    )

    def when(epoch):
        return datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)

    out = []
    for case in request["cases"]:
        if "buildPolicy" in case:
            spec = case["buildPolicy"]
            out.append(
                signer.build_policy(
                    spec["resource"],
                    when(spec["expires"]),
                    date_greater_than=when(spec["starts"]) if "starts" in spec else None,
                    ip_address=spec.get("ip"),
                )
            )
        elif "policy" in case:
            out.append(signer.generate_presigned_url(case["url"], policy=case["policy"]))
        else:
            out.append(signer.generate_presigned_url(case["url"], date_less_than=when(case["expires"])))
    json.dump(out, sys.stdout)


main()
