/// A throwaway 2048-bit RSA key generated for these tests only; it signs nothing anywhere else.
enum TestKey {
    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDc4aOvSfQ4aSBf
        v2IaSVOmM2h08cYqxWpldXyYpFI1/cpMhHgMMvQcQTYiIPQfspNtj591Fu+LknAq
        Laxavoxx3QxWzg5nlKroOhV8thixEy+TJdCR7xoYer0oyP7+Zb0N6IZkQj2FvWSp
        kohbf1swSrhqdY7OL50To5Ufq9ONj5RQ8DSjZa1Ddn3kgHLUDB4a2xoxJo42MjNo
        U/PemXgOzdypMOynlkBe8wigcylwPoQQ9iQIjbcxr8Tei8N4FT57mK+j+71INb7F
        iJn8AODIyFEnu8DpOaNeOoq37YUPw9e6zKIOO6pkvdCoupy+7zoshndP5nw2G8f2
        kOZxOQf9AgMBAAECggEALpOH/BEIphKI6JfHPIrE0FGbz7kh0+gQEPfuv5M64La0
        /2CZndzqu8CGhTjUsZBq5Rn5gmvFNHW7IDHEW9g9bk8x6GYIBJCFX3XMDSGq4EAO
        8qTxL6yvIIVVOPH1Tzit3m5vVFnhdj+jJ9zF0yFuXacL7yr9432HzlnaurR1Zi6B
        smpVYbuGKrJ8/uKvwfaDay4SE3FXc4399SnBKFeSXiIHQZUKpXlKAeC4o4KMZB/x
        pIkSAiLlV7QHam9GOjM8kKwXxaTntQC23eLb8rEREkjQ7qqwCiZXk9wmxKTGNrLG
        h8QhsuJC+z1NubIl8hQ7ICGm+QzGU4hQTqrxcloxMQKBgQD4dlKW2o5KW9qdETpB
        DiwyAwkTUl8JoYPF3TkhejLyRd1yBAidaF851Hf4Nc9RZjpIPeFpeHReK23moAhe
        EBKYGKo/dZ4mEHhuNmd2G/8UhXMovnc7U+QVd6We8RLfetUx6mbGsv1QL+FMfyFQ
        3N2BlPXDGoKiCc5I4m4fUFDqiQKBgQDjlRxrrwUWmRb4ZA8GkiiMx9mivEwld+nt
        s902Z4lAkss2Su/44D2joELoGlUnSLAqEbMCzgdCSKIVGvYNAfM0bzNz03i7Xr6R
        SDHckraL2x2ZRbeCVdWQYRbu5IeV2tzSpuZfHwodmnj3SuYm8z9aPWRRM0rM0geu
        Kxxk3m3E1QKBgQCj1uJ/N3+86PUvvbx8Saw7DmVdqGOjJi6Ou2KBAOO3fvqXxLEp
        mzmwGLtDobgkJRUpriSGODgEIP9HpR/fZxnb0efyEM1IrHO9uYJgD/YUwis+Itrc
        9GTjAxLjzHR1ibosQDWlsUH5LpmSqAKAICSw3llxXnnmADFXPnj/jSbOgQKBgFU+
        sRqUwC8qwLPhps8rSA0Tfq26IjuWowTqbl3Ggl6xnXSEtUZfmDcF/Im781F3pKTd
        ZFQUoBtv4WZOZwOQS2zEil1ERODKKE9631JjkgTo2jljJ82mIQynkVOCPlcfV79/
        zKKsmblk9xKJ95N3Ya+Hd2AC+m2l7kKK22Pc/PjRAoGAcWjJu3oe9cl4OZlnRTOl
        KAaQjlv6dTjhuI4Ga+MqNadO1uLH+pp/1zMoe6eYGD1ivrmDkeGxZhcmF6dv5yHE
        mc/vX/py7uQw5eHH9wU5MTvTMqIyonKZvkz8Rl2ZYgcSLUaPWWGXuNtRI6gXy8It
        WU22EWwUkpLnerOlVQ4uCC8=
        -----END PRIVATE KEY-----
        """
}
