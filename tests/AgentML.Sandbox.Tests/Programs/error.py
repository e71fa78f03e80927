# Fails with a traceback (contract: non-zero exit with the traceback captured).
print("about to fail")


def explode():
    raise ValueError("boom-4711")


explode()
