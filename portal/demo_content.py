"""Demo content for the community learning centre (TTHTCĐ) portal.

Pure data, no imports: realistic Vietnamese texts (with English translations for
some items) that the ``load_demo_data`` management command combines
deterministically into demo centres, courses and national curricula.

Centre descriptions contain a ``{commune}`` placeholder for the commune name.
"""

from __future__ import annotations

# National curricula. The first entry is the basic digital skills one.
CURRICULA = [
    {
        "code": "KNS-SO-CB-2025",
        "title": "Chương trình bồi dưỡng kỹ năng số cơ bản cho người dân",
        "summary": (
            "Trang bị cho người dân những kỹ năng số thiết yếu để dùng điện thoại "
            "thông minh, giao tiếp trực tuyến, làm thủ tục hành chính và thanh toán "
            "điện tử một cách an toàn. Chương trình được thiết kế cho người mới bắt "
            "đầu, kể cả người cao tuổi."
        ),
        "total_hours": 28,
        "modules": [
            {
                "title": "Làm quen với điện thoại thông minh",
                "hours": 4,
                "outcomes": (
                    "Học viên bật, tắt, sạc máy, kết nối wifi, điều chỉnh cỡ chữ, âm "
                    "lượng và cài đặt ứng dụng từ kho ứng dụng."
                ),
            },
            {
                "title": "Nhắn tin, gọi video qua Zalo",
                "hours": 4,
                "outcomes": (
                    "Học viên tạo tài khoản Zalo, nhắn tin, gửi ảnh, gọi video và tham "
                    "gia nhóm Zalo của thôn, tổ dân phố."
                ),
            },
            {
                "title": "Định danh điện tử với ứng dụng VNeID",
                "hours": 4,
                "outcomes": (
                    "Học viên kích hoạt tài khoản định danh điện tử mức 2, xem giấy tờ "
                    "đã tích hợp và dùng VNeID khi làm thủ tục."
                ),
            },
            {
                "title": "Dịch vụ công trực tuyến",
                "hours": 6,
                "outcomes": (
                    "Học viên đăng nhập Cổng Dịch vụ công quốc gia, nộp hồ sơ một số "
                    "thủ tục thường gặp và tra cứu kết quả giải quyết."
                ),
            },
            {
                "title": "Thanh toán không dùng tiền mặt",
                "hours": 4,
                "outcomes": (
                    "Học viên dùng ứng dụng ngân hàng để chuyển khoản, quét mã QR "
                    "thanh toán và trả tiền điện, nước an toàn."
                ),
            },
            {
                "title": "Nhận diện và phòng tránh lừa đảo qua mạng",
                "hours": 4,
                "outcomes": (
                    "Học viên nhận biết các chiêu lừa đảo phổ biến, không cung cấp mã "
                    "OTP cho bất kỳ ai và biết báo cáo khi nghi ngờ bị lừa."
                ),
            },
            {
                "title": "Tìm kiếm và đánh giá thông tin an toàn",
                "hours": 2,
                "outcomes": (
                    "Học viên tìm kiếm thông tin trên mạng, phân biệt nguồn chính "
                    "thống với tin giả và bảo vệ thông tin cá nhân."
                ),
            },
        ],
        "translations": {
            "en": {
                "title": "Basic digital skills programme for citizens",
                "summary": (
                    "Gives residents the essential digital skills to use a smartphone, "
                    "communicate online, complete administrative procedures online and "
                    "pay electronically, all safely. The programme is designed for "
                    "complete beginners, including older people."
                ),
            },
        },
    },
    {
        "code": "XMC-GD2-2025",
        "title": "Chương trình xóa mù chữ giai đoạn 2",
        "summary": (
            "Chương trình dành cho người đã hoàn thành giai đoạn 1, giúp củng cố và "
            "nâng cao kỹ năng đọc, viết, tính toán tương đương trình độ lớp 4, lớp 5 "
            "để đạt chuẩn biết chữ mức độ 2."
        ),
        "total_hours": 300,
        "modules": [
            {
                "title": "Tiếng Việt: đọc hiểu và viết đoạn văn",
                "hours": 120,
                "outcomes": (
                    "Học viên đọc trôi chảy, hiểu nội dung văn bản thông thường và "
                    "viết được đoạn văn, đơn từ ngắn đúng chính tả."
                ),
            },
            {
                "title": "Toán",
                "hours": 100,
                "outcomes": (
                    "Học viên thực hiện thành thạo bốn phép tính với số tự nhiên, phân "
                    "số đơn giản và giải các bài toán gắn với đời sống."
                ),
            },
            {
                "title": "Tự nhiên và Xã hội",
                "hours": 40,
                "outcomes": (
                    "Học viên có hiểu biết cơ bản về sức khỏe, môi trường, địa lý và "
                    "lịch sử của địa phương."
                ),
            },
            {
                "title": "Kỹ năng sống",
                "hours": 20,
                "outcomes": (
                    "Học viên biết giao tiếp, hợp tác và giải quyết những tình huống "
                    "thường gặp trong gia đình và cộng đồng."
                ),
            },
            {
                "title": "Vận dụng đọc, viết, tính toán trong đời sống",
                "hours": 20,
                "outcomes": (
                    "Học viên đọc được hóa đơn, giấy tờ hành chính, tờ hướng dẫn dùng "
                    "thuốc và tự ghi sổ thu chi của gia đình."
                ),
            },
        ],
        "translations": {
            "en": {
                "title": "Literacy programme, phase 2",
                "summary": (
                    "For learners who have completed phase 1, this programme "
                    "consolidates and extends reading, writing and numeracy to the "
                    "level of Grades 4 and 5, leading to recognition of literacy at "
                    "level 2."
                ),
            },
        },
    },
    {
        "code": "ATTT-NCT-2025",
        "title": "Chương trình an toàn thông tin cho người cao tuổi",
        "summary": (
            "Giúp người cao tuổi nhận biết và phòng tránh các nguy cơ mất an toàn "
            "thông tin, bảo vệ tài khoản và tiền bạc khi dùng điện thoại, mạng xã hội."
        ),
        "total_hours": 12,
        "modules": [
            {
                "title": "Bảo vệ thông tin cá nhân",
                "hours": 2,
                "outcomes": (
                    "Học viên biết những thông tin nào không được chia sẻ và cách "
                    "thiết lập quyền riêng tư trên Zalo, Facebook."
                ),
            },
            {
                "title": "Mật khẩu và mã OTP",
                "hours": 2,
                "outcomes": (
                    "Học viên đặt được mật khẩu mạnh, bật xác thực hai lớp và không "
                    "bao giờ đưa mã OTP cho người khác."
                ),
            },
            {
                "title": "Nhận biết cuộc gọi, tin nhắn giả danh",
                "hours": 3,
                "outcomes": (
                    "Học viên nhận ra các cuộc gọi giả danh công an, ngân hàng, người "
                    "thân và tin nhắn chứa đường link độc hại."
                ),
            },
            {
                "title": "Sử dụng mạng xã hội an toàn",
                "hours": 2,
                "outcomes": (
                    "Học viên biết kiểm chứng thông tin trước khi chia sẻ và tránh xa "
                    "quảng cáo đầu tư, bán hàng không rõ nguồn gốc."
                ),
            },
            {
                "title": "Xử lý khi bị lừa đảo hoặc bị chiếm tài khoản",
                "hours": 3,
                "outcomes": (
                    "Học viên biết báo ngân hàng khóa tài khoản, trình báo công an và "
                    "báo cho người thân ngay khi phát hiện sự cố."
                ),
            },
        ],
        "translations": {
            "en": {
                "title": "Information security programme for older people",
                "summary": (
                    "Helps older people recognise and avoid online security risks, and "
                    "protect their accounts and savings when using phones and social "
                    "media."
                ),
            },
        },
    },
    {
        "code": "NN-SO-2025",
        "title": (
            "Chương trình ứng dụng công nghệ số trong sản xuất và tiêu thụ nông sản"
        ),
        "summary": (
            "Hướng dẫn nông dân, hợp tác xã dùng điện thoại để ghi nhật ký sản xuất, "
            "truy xuất nguồn gốc và bán nông sản trên các nền tảng số."
        ),
        "total_hours": 20,
        "modules": [
            {
                "title": "Tra cứu thời tiết, giá cả và kỹ thuật canh tác",
                "hours": 3,
                "outcomes": (
                    "Học viên tra cứu được dự báo thời tiết, giá nông sản và tài liệu "
                    "kỹ thuật từ các nguồn chính thống."
                ),
            },
            {
                "title": "Nhật ký sản xuất điện tử",
                "hours": 4,
                "outcomes": (
                    "Học viên ghi chép quá trình sản xuất trên ứng dụng nhật ký điện "
                    "tử theo yêu cầu của VietGAP."
                ),
            },
            {
                "title": "Tem truy xuất nguồn gốc bằng mã QR",
                "hours": 3,
                "outcomes": (
                    "Học viên tạo và in tem mã QR truy xuất nguồn gốc cho sản phẩm của "
                    "hộ gia đình hoặc hợp tác xã."
                ),
            },
            {
                "title": "Bán hàng trên sàn thương mại điện tử",
                "hours": 6,
                "outcomes": (
                    "Học viên mở gian hàng, đăng sản phẩm và xử lý đơn hàng trên sàn "
                    "thương mại điện tử."
                ),
            },
            {
                "title": "Livestream và chăm sóc khách hàng",
                "hours": 4,
                "outcomes": (
                    "Học viên tổ chức được buổi livestream bán hàng và trả lời, chăm "
                    "sóc khách hàng qua mạng."
                ),
            },
        ],
        "translations": {
            "en": {
                "title": "Digital technology for farm production and sales",
                "summary": (
                    "Shows farmers and cooperatives how to use their phones to keep "
                    "farm records, trace their products and sell produce on digital "
                    "platforms."
                ),
            },
        },
    },
]


# Courses a commune centre typically offers.
COURSE_TEMPLATES = [
    {
        "title": "Sử dụng điện thoại thông minh cho người cao tuổi",
        "summary": (
            "Hướng dẫn ông bà làm quen với điện thoại thông minh từ những thao tác đơn "
            "giản nhất."
        ),
        "description": (
            "Lớp học dành cho các cụ mới dùng điện thoại thông minh hoặc vừa được con "
            "cháu mua máy cho. Học viên được hướng dẫn bật, tắt máy, phóng to chữ, gọi "
            "điện, chụp ảnh và kết nối wifi ở nhà.\n\n"
            "Mỗi buổi học có đoàn viên thanh niên kèm từng người. Các cụ nhớ mang theo "
            "điện thoại đã sạc đầy pin và kính lão nếu cần."
        ),
        "category": "digital-skills",
        "audiences": ["older-adults"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 20,
        "hours_per_session": 2.0,
        "sessions_count": 8,
        "time_of_day": "morning",
        "curriculum": "KNS-SO-CB-2025",
        "instructor_role": "Cán bộ Đoàn thanh niên xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Smartphone basics for older adults",
                "summary": (
                    "Helps older people get comfortable with a smartphone, starting "
                    "from the very simplest steps."
                ),
                "description": (
                    "This class is for older people who are new to smartphones or have "
                    "just been given one by their children or grandchildren. Learners "
                    "practise switching the phone on and off, making the text bigger, "
                    "making calls, taking photos and connecting to their home "
                    "Wi-Fi.\n\n"
                    "A Youth Union volunteer sits with each learner in every session. "
                    "Please bring your phone fully charged, and your reading glasses "
                    "if you use them."
                ),
            },
        },
    },
    {
        "title": "Cài đặt và dùng ứng dụng VNeID",
        "summary": (
            "Kích hoạt tài khoản định danh điện tử và sử dụng VNeID trong các thủ tục "
            "hằng ngày."
        ),
        "description": (
            "Cán bộ Công an xã hướng dẫn người dân cài đặt ứng dụng VNeID, kích hoạt "
            "tài khoản định danh điện tử mức 2 và tích hợp giấy phép lái xe, thẻ bảo "
            "hiểm y tế vào ứng dụng. Học viên được thực hành dùng VNeID để khai báo "
            "lưu trú, xuất trình giấy tờ và đăng nhập Cổng Dịch vụ công quốc gia.\n\n"
            "Đề nghị bà con mang theo thẻ căn cước và điện thoại dùng số thuê bao "
            "chính chủ."
        ),
        "category": "digital-skills",
        "audiences": ["everyone", "older-adults"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": "KNS-SO-CB-2025",
        "instructor_role": "Cán bộ Công an xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Installing and using the VNeID app",
                "summary": (
                    "Activate your electronic ID account and use VNeID for everyday "
                    "paperwork."
                ),
                "description": (
                    "Officers from the commune police show residents how to install "
                    "the VNeID app, activate a level 2 electronic identity account and "
                    "add their driving licence and health insurance card to the app. "
                    "Learners practise using VNeID to declare temporary residence, "
                    "show their documents and log in to the National Public Service "
                    "Portal.\n\n"
                    "Please bring your citizen identity card and a phone with a SIM "
                    "registered in your own name."
                ),
            },
        },
    },
    {
        "title": "Mã QR và thanh toán không dùng tiền mặt",
        "summary": (
            "Thực hành chuyển khoản, quét mã QR và trả tiền điện, nước bằng ứng dụng "
            "ngân hàng."
        ),
        "description": (
            "Khóa học giúp người dân, nhất là chị em buôn bán nhỏ ở chợ, tự tin nhận "
            "và trả tiền bằng mã QR. Học viên được hướng dẫn cài ứng dụng ngân hàng, "
            "bật xác thực sinh trắc học, kiểm tra biến động số dư và thanh toán tiền "
            "điện, nước, học phí cho con.\n\n"
            "Giảng viên cũng chỉ cách kiểm tra tên người nhận trước khi chuyển tiền và "
            "cách xử lý khi lỡ chuyển nhầm tài khoản."
        ),
        "category": "digital-skills",
        "audiences": ["everyone", "women"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "afternoon",
        "curriculum": "KNS-SO-CB-2025",
        "instructor_role": "Cán bộ ngân hàng tại điểm giao dịch xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "QR codes and cashless payments",
                "summary": (
                    "Hands-on practice with bank transfers, QR code payments and "
                    "paying electricity and water bills in a banking app."
                ),
                "description": (
                    "This course helps residents, especially women with small market "
                    "stalls, to take and make payments by QR code with confidence. "
                    "Learners set up a banking app, turn on biometric authentication, "
                    "check their account activity and pay electricity, water and "
                    "school bills.\n\n"
                    "The trainer also shows how to check the recipient's name before "
                    "sending money, and what to do if you transfer money to the wrong "
                    "account by mistake."
                ),
            },
        },
    },
    {
        "title": "Dịch vụ công trực tuyến: làm thủ tục không cần đến trụ sở",
        "summary": (
            "Hướng dẫn nộp hồ sơ, nộp lệ phí và nhận kết quả thủ tục hành chính trên "
            "Cổng Dịch vụ công quốc gia."
        ),
        "description": (
            "Học viên được thực hành trên máy tính và điện thoại những thủ tục người "
            "dân hay làm nhất: đăng ký khai sinh, cấp bản sao trích lục hộ tịch, đăng "
            "ký thường trú và xin cấp phiếu lý lịch tư pháp. Phần lý thuyết học trực "
            "tuyến qua các video ngắn, phần thực hành học trực tiếp tại phòng máy của "
            "trung tâm.\n\n"
            "Sau khóa học, mỗi học viên có thể tự nộp hồ sơ và theo dõi tình trạng "
            "giải quyết ngay trên điện thoại của mình."
        ),
        "category": "digital-skills",
        "audiences": ["everyone"],
        "level": "beginner",
        "mode": "blended",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 6,
        "time_of_day": "evening",
        "curriculum": "KNS-SO-CB-2025",
        "instructor_role": "Công chức Trung tâm Phục vụ hành chính công xã",
        "regions": None,
        "translations": {
            "en": {
                "title": (
                    "Online public services: paperwork without a trip to the office"
                ),
                "summary": (
                    "Learn to submit applications, pay fees and receive the results of "
                    "administrative procedures on the National Public Service Portal."
                ),
                "description": (
                    "Learners practise, on both computers and phones, the procedures "
                    "residents use most often: registering a birth, getting certified "
                    "copies of civil status records, registering permanent residence "
                    "and applying for a criminal record certificate. The theory is "
                    "covered online in short videos, and the hands-on practice takes "
                    "place in the centre's computer room.\n\n"
                    "By the end of the course, every learner can submit an application "
                    "and track its progress on their own phone."
                ),
            },
        },
    },
    {
        "title": "Tin học cơ bản: soạn thảo văn bản và bảng tính",
        "summary": (
            "Làm quen với máy tính, soạn thảo văn bản, lập bảng tính đơn giản và gửi "
            "thư điện tử."
        ),
        "description": (
            "Khóa học phù hợp với thanh niên chuẩn bị đi làm và người lao động cần kỹ "
            "năng tin học để xin việc. Nội dung gồm sử dụng bàn phím, chuột, gõ tiếng "
            "Việt có dấu, soạn và định dạng văn bản, lập bảng chấm công, bảng thu chi "
            "bằng bảng tính và gửi hồ sơ xin việc qua thư điện tử.\n\n"
            "Mỗi học viên thực hành trên một máy tính riêng. Học phí dùng để chi trả "
            "tiền điện và bảo trì máy."
        ),
        "category": "digital-skills",
        "audiences": ["youth", "workers"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 200000,
        "capacity": 20,
        "hours_per_session": 2.0,
        "sessions_count": 12,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Giáo viên Tin học trường THCS xã",
        "regions": None,
    },
    {
        "title": "Phòng chống lừa đảo qua mạng",
        "summary": (
            "Nhận diện các chiêu trò lừa đảo qua điện thoại, tin nhắn, mạng xã hội và "
            "cách tự bảo vệ mình."
        ),
        "description": (
            "Cán bộ Công an xã giới thiệu những vụ lừa đảo đã xảy ra trên địa bàn: giả "
            "danh công an gọi điện yêu cầu chuyển tiền, gửi đường link cập nhật VNeID "
            "giả, tuyển cộng tác viên làm việc online, thông báo trúng thưởng. Học "
            "viên được thực hành nhận biết tin nhắn, trang web giả mạo và tập cách từ "
            "chối khi bị thúc ép.\n\n"
            "Buổi cuối hướng dẫn những việc cần làm ngay khi nghi ngờ mình bị lừa: gọi "
            "ngân hàng để khóa tài khoản và trình báo Công an xã."
        ),
        "category": "digital-skills",
        "audiences": ["everyone", "older-adults"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 40,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": "KNS-SO-CB-2025",
        "instructor_role": "Cán bộ Công an xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Protecting yourself from online scams",
                "summary": (
                    "Recognise the tricks scammers use over the phone, by text message "
                    "and on social media, and learn how to protect yourself."
                ),
                "description": (
                    "Officers from the commune police go through scams that have "
                    "actually happened locally: callers posing as police and demanding "
                    "a money transfer, fake links to 'update' VNeID, offers of online "
                    "work from home and prize-draw notifications. Learners practise "
                    "spotting fake messages and websites, and rehearse saying no when "
                    "someone puts them under pressure.\n\n"
                    "The last session covers what to do the moment you suspect a scam: "
                    "call your bank to freeze your account and report it to the "
                    "commune police."
                ),
            },
        },
    },
    {
        "title": "Bảo mật tài khoản: mật khẩu và mã OTP",
        "summary": (
            "Đặt mật khẩu mạnh, bật xác thực hai lớp và giữ bí mật mã OTP để bảo vệ "
            "tài khoản ngân hàng, Zalo, Facebook."
        ),
        "description": (
            "Nhiều người mất tiền chỉ vì đọc mã OTP cho người lạ qua điện thoại. Khóa "
            "học hướng dẫn cách đặt mật khẩu dễ nhớ nhưng khó đoán, bật xác thực hai "
            "lớp cho Zalo, Facebook, kiểm tra các thiết bị đang đăng nhập và lấy lại "
            "tài khoản khi bị chiếm đoạt.\n\n"
            "Lớp học trực tuyến qua nhóm Zalo, mỗi buổi 90 phút; con cháu có thể ngồi "
            "cùng để hỗ trợ ông bà."
        ),
        "category": "digital-skills",
        "audiences": ["older-adults", "everyone"],
        "level": "beginner",
        "mode": "online",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 40,
        "hours_per_session": 1.5,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": "ATTT-NCT-2025",
        "instructor_role": "Cán bộ Đoàn thanh niên xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Account security: passwords and OTP codes",
                "summary": (
                    "Create strong passwords, turn on two-factor authentication and "
                    "keep your one-time codes secret to protect your bank, Zalo and "
                    "Facebook accounts."
                ),
                "description": (
                    "Many people have lost money simply by reading out an OTP code to "
                    "a stranger over the phone. This course shows how to choose "
                    "passwords that are easy to remember but hard to guess, turn on "
                    "two-factor authentication for Zalo and Facebook, check which "
                    "devices are signed in and recover an account that has been taken "
                    "over.\n\n"
                    "Classes are held online through a Zalo group and last 90 minutes "
                    "each; children and grandchildren are welcome to sit in and help."
                ),
            },
        },
    },
    {
        "title": "Dùng Zalo để liên lạc với con cháu ở xa",
        "summary": (
            "Nhắn tin, gửi ảnh, gọi video và tham gia nhóm Zalo của thôn, tổ dân phố."
        ),
        "description": (
            "Nhiều gia đình có con cháu đi làm ăn xa, ông bà muốn gọi video mà chưa "
            "biết cách. Lớp học hướng dẫn tạo tài khoản Zalo, kết bạn bằng số điện "
            "thoại, nhắn tin bằng giọng nói, gửi ảnh, gọi video và xem thông báo trong "
            "nhóm Zalo của thôn.\n\n"
            "Giảng viên nói chậm, nhắc lại nhiều lần và học viên được thực hành ngay "
            "trên điện thoại của mình."
        ),
        "category": "digital-skills",
        "audiences": ["older-adults"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 20,
        "hours_per_session": 1.5,
        "sessions_count": 6,
        "time_of_day": "morning",
        "curriculum": "KNS-SO-CB-2025",
        "instructor_role": "Cán bộ văn hóa – xã hội xã",
        "regions": None,
    },
    {
        "title": "Bán nông sản trên sàn thương mại điện tử",
        "summary": (
            "Đưa sản phẩm của hộ gia đình, hợp tác xã lên sàn thương mại điện tử và "
            "bán hàng qua livestream."
        ),
        "description": (
            "Khóa học giúp nông dân và hợp tác xã mở gian hàng trên các sàn như "
            "Postmart, Shopee, chụp ảnh sản phẩm đẹp bằng điện thoại, viết mô tả sản "
            "phẩm, đóng gói và gửi hàng qua bưu điện. Buổi cuối thực hành livestream "
            "bán hàng trên Facebook và TikTok.\n\n"
            "Học theo hình thức kết hợp: xem bài giảng video tại nhà, thực hành có "
            "người hướng dẫn tại trung tâm vào tối thứ Bảy."
        ),
        "category": "digital-skills",
        "audiences": ["farmers", "women", "youth"],
        "level": "intermediate",
        "mode": "blended",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 8,
        "time_of_day": "evening",
        "curriculum": "NN-SO-2025",
        "instructor_role": "Nhân viên Bưu điện văn hóa xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Selling farm produce on e-commerce platforms",
                "summary": (
                    "Put your household's or cooperative's products on e-commerce "
                    "platforms and sell them through livestreams."
                ),
                "description": (
                    "This course helps farmers and cooperatives open a shop on "
                    "platforms such as Postmart and Shopee, take attractive product "
                    "photos with a phone, write product descriptions, and pack and "
                    "ship orders through the post office. The final session is a "
                    "hands-on livestream sale on Facebook and TikTok.\n\n"
                    "The course is blended: video lessons at home, plus guided "
                    "practice at the centre on Saturday evenings."
                ),
            },
        },
    },
    {
        "title": "Dùng điện thoại với trình đọc màn hình cho người khiếm thị",
        "summary": (
            "Hướng dẫn người khiếm thị sử dụng điện thoại thông minh bằng TalkBack và "
            "VoiceOver."
        ),
        "description": (
            "Lớp học nhỏ dành cho người mù và người nhìn kém, do hướng dẫn viên của "
            "Hội Người mù đã sử dụng thành thạo công nghệ trực tiếp đứng lớp. Học viên "
            "học các thao tác cử chỉ, đọc tin nhắn, gọi điện, nghe sách nói và dùng "
            "ứng dụng ngân hàng bằng giọng đọc.\n\n"
            "Phòng học ở tầng trệt, lối vào không có bậc thềm; người nhà có thể đi "
            "cùng học viên."
        ),
        "category": "digital-skills",
        "audiences": ["people-with-disabilities"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 15,
        "hours_per_session": 2.0,
        "sessions_count": 10,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Hướng dẫn viên Hội Người mù tỉnh",
        "regions": None,
        "translations": {
            "en": {
                "title": (
                    "Using a phone with a screen reader for blind and partially "
                    "sighted people"
                ),
                "summary": (
                    "Teaches blind and partially sighted people to use a smartphone "
                    "with TalkBack and VoiceOver."
                ),
                "description": (
                    "A small class for blind and partially sighted people, taught by a "
                    "trainer from the Association of the Blind who is an experienced "
                    "screen reader user. Learners practise touch gestures, reading "
                    "messages, making calls, listening to audiobooks and using a "
                    "banking app with spoken feedback.\n\n"
                    "The classroom is on the ground floor with step-free access, and "
                    "family members are welcome to come along."
                ),
            },
        },
    },
    {
        "title": "Lớp xóa mù chữ giai đoạn 2",
        "summary": (
            "Giúp người đã biết đọc, biết viết cơ bản củng cố tiếng Việt và toán để "
            "không bị tái mù chữ."
        ),
        "description": (
            "Lớp học dành cho người từ 15 đến 60 tuổi đã hoàn thành giai đoạn 1 hoặc "
            "đọc, viết chưa thạo. Học viên học tiếng Việt, toán và kiến thức tự nhiên "
            "– xã hội gắn với đời sống: đọc giấy tờ, ghi sổ thu chi, tính tiền bán "
            "nông sản.\n\n"
            "Lớp học vào buổi tối tại nhà văn hóa thôn để bà con đi làm nương rẫy về "
            "vẫn tham gia được. Học viên hoàn thành chương trình được công nhận đạt "
            "chuẩn biết chữ mức độ 2."
        ),
        "category": "literacy",
        "audiences": ["ethnic-minorities", "women"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 16,
        "time_of_day": "evening",
        "curriculum": "XMC-GD2-2025",
        "instructor_role": "Giáo viên trường Tiểu học xã",
        "regions": ["04", "08", "15", "66"],
        "translations": {
            "en": {
                "title": "Literacy programme, phase 2",
                "summary": (
                    "Helps people who can already read and write a little to "
                    "strengthen their Vietnamese and maths so they don't lose those "
                    "skills."
                ),
                "description": (
                    "This class is for people aged 15 to 60 who have completed phase 1 "
                    "or who can read and write, but not yet fluently. Learners study "
                    "Vietnamese, maths and basic science and social studies linked to "
                    "daily life: reading official papers, keeping a household account "
                    "book and working out what their crops will sell for.\n\n"
                    "Classes are held in the evening at the village cultural house, so "
                    "people can still come after a day in the fields. Learners who "
                    "complete the programme are recognised as literate at level 2."
                ),
            },
        },
    },
    {
        "title": "Đọc, viết chữ Khmer cho người lớn",
        "summary": (
            "Lớp học chữ Khmer cho bà con người Khmer muốn đọc được kinh sách, báo chí "
            "và giấy tờ bằng tiếng mẹ đẻ."
        ),
        "description": (
            "Lớp học tổ chức tại chùa Khmer trong ấp, do giáo viên song ngữ Việt – "
            "Khmer đứng lớp. Học viên học bảng chữ cái, cách ghép vần, đọc các bài văn "
            "ngắn và tập viết thư, đơn từ bằng chữ Khmer.\n\n"
            "Lớp học miễn phí, sách vở do trung tâm học tập cộng đồng hỗ trợ."
        ),
        "category": "literacy",
        "audiences": ["ethnic-minorities"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "km",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 2.0,
        "sessions_count": 12,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Giáo viên song ngữ Việt – Khmer",
        "regions": ["91", "92", "86", "96"],
        "translations": {
            "en": {
                "title": "Khmer reading and writing for adults",
                "summary": (
                    "A Khmer literacy class for Khmer people who want to read "
                    "religious texts, newspapers and documents in their mother tongue."
                ),
                "description": (
                    "Classes are held at the Khmer pagoda in the hamlet and taught by "
                    "a bilingual Vietnamese–Khmer teacher. Learners study the alphabet "
                    "and how syllables are formed, read short texts and practise "
                    "writing letters and simple applications in Khmer.\n\n"
                    "The class is free, and books and stationery are provided by the "
                    "community learning centre."
                ),
            },
        },
    },
    {
        "title": "Câu lạc bộ đọc sách chống tái mù chữ",
        "summary": (
            "Sinh hoạt đọc sách, báo hằng tuần giúp người mới biết chữ duy trì thói "
            "quen đọc."
        ),
        "description": (
            "Mỗi tuần một buổi, thành viên cùng đọc báo, truyện ngắn và tài liệu phổ "
            "biến kiến thức tại tủ sách của trung tâm, sau đó trao đổi về những gì đã "
            "đọc. Các buổi sinh hoạt còn có phần luyện viết: ghi chép, viết giấy mời "
            "họp, viết đơn.\n\n"
            "Câu lạc bộ mở cho mọi người, đặc biệt khuyến khích học viên vừa hoàn "
            "thành lớp xóa mù chữ tham gia."
        ),
        "category": "literacy",
        "audiences": ["everyone", "ethnic-minorities"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 1.5,
        "sessions_count": 12,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Giáo viên trường Tiểu học xã",
        "regions": None,
    },
    {
        "title": "Song ngữ Việt – Khmer cho trẻ chuẩn bị vào lớp 1",
        "summary": (
            "Giúp trẻ em người Khmer làm quen với tiếng Việt và chữ Khmer trước khi "
            "vào lớp 1."
        ),
        "description": (
            "Lớp học hè dành cho trẻ 5–6 tuổi trong các gia đình người Khmer, dạy bằng "
            "tiếng Khmer xen tiếng Việt. Trẻ được làm quen với chữ cái, tập nói tiếng "
            "Việt qua bài hát, trò chơi và truyện tranh song ngữ.\n\n"
            "Phụ huynh được mời dự buổi học cuối để cùng con đọc truyện."
        ),
        "category": "literacy",
        "audiences": ["children", "ethnic-minorities"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "km",
        "fee_vnd": 0,
        "capacity": 20,
        "hours_per_session": 1.5,
        "sessions_count": 12,
        "time_of_day": "morning",
        "curriculum": None,
        "instructor_role": "Giáo viên mầm non song ngữ",
        "regions": ["91", "92", "86", "96"],
        "translations": {
            "en": {
                "title": (
                    "Vietnamese–Khmer bilingual class for children starting primary "
                    "school"
                ),
                "summary": (
                    "Helps Khmer children get to know Vietnamese and the Khmer script "
                    "before they start Grade 1."
                ),
                "description": (
                    "A summer class for Khmer children aged 5–6, taught in Khmer "
                    "alongside Vietnamese. Children get to know the letters and "
                    "practise speaking Vietnamese through songs, games and bilingual "
                    "picture books.\n\n"
                    "Parents are invited to the last session to read stories with "
                    "their children."
                ),
            },
        },
    },
    {
        "title": "Tiếng Anh giao tiếp cho hướng dẫn viên du lịch cộng đồng",
        "summary": (
            "Luyện nói tiếng Anh để giới thiệu bản làng, ẩm thực và phong tục địa "
            "phương cho khách nước ngoài."
        ),
        "description": (
            "Khóa học tập trung vào những tình huống hướng dẫn viên gặp hằng ngày: "
            "chào đón khách, giới thiệu lịch trình, kể về lễ hội, món ăn và nghề "
            "truyền thống của bản, dẫn khách đi bộ, xử lý khi khách bị ốm hoặc lạc "
            "đường. Học viên đóng vai và thực hành với khách du lịch thật vào buổi "
            "cuối.\n\n"
            "Học viên cần có vốn tiếng Anh cơ bản đã học ở trường phổ thông."
        ),
        "category": "foreign-languages",
        "audiences": ["youth", "ethnic-minorities"],
        "level": "intermediate",
        "mode": "in_person",
        "teaching_language": "en",
        "fee_vnd": 300000,
        "capacity": 20,
        "hours_per_session": 2.0,
        "sessions_count": 12,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Giáo viên tiếng Anh trường THPT",
        "regions": ["15", "22", "48", "46"],
        "translations": {
            "en": {
                "title": "Conversational English for community tourism guides",
                "summary": (
                    "Speaking practice for introducing your village, local food and "
                    "customs to foreign visitors."
                ),
                "description": (
                    "The course focuses on situations guides meet every day: welcoming "
                    "guests, explaining the itinerary, talking about the village's "
                    "festivals, food and traditional crafts, leading walks, and "
                    "helping a guest who falls ill or gets lost. Learners role-play "
                    "and, in the final session, practise with real visitors.\n\n"
                    "Learners should already have studied basic English at school."
                ),
            },
        },
    },
    {
        "title": "Tiếng Anh cho chủ homestay",
        "summary": (
            "Những câu tiếng Anh cần thiết để nhận đặt phòng, đón khách và giới thiệu "
            "dịch vụ homestay."
        ),
        "description": (
            "Khóa học dành cho các gia đình đang làm hoặc chuẩn bị làm homestay. Học "
            "viên học cách trả lời tin nhắn đặt phòng, chào đón và đưa khách nhận "
            "phòng, giới thiệu bữa ăn, giá dịch vụ và giải thích nội quy của nhà.\n\n"
            "Mỗi học viên được phát một bộ thẻ câu mẫu song ngữ để dán ở nhà và dùng "
            "khi tiếp khách."
        ),
        "category": "foreign-languages",
        "audiences": ["women", "ethnic-minorities"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "en",
        "fee_vnd": 200000,
        "capacity": 20,
        "hours_per_session": 2.0,
        "sessions_count": 10,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Hướng dẫn viên du lịch tình nguyện",
        "regions": ["15", "08", "04", "48", "68"],
        "translations": {
            "en": {
                "title": "English for homestay hosts",
                "summary": (
                    "The English you need to take bookings, welcome guests and explain "
                    "your homestay's services."
                ),
                "description": (
                    "This course is for families who run, or are planning to run, a "
                    "homestay. Learners practise replying to booking messages, "
                    "welcoming guests and showing them to their room, describing meals "
                    "and prices, and explaining the house rules.\n\n"
                    "Every learner receives a set of bilingual phrase cards to keep at "
                    "home and use with guests."
                ),
            },
        },
    },
    {
        "title": "Tiếng Anh giao tiếp trực tuyến cho người đi làm",
        "summary": (
            "Lớp tiếng Anh trực tuyến buổi tối giúp người lao động tự tin giao tiếp ở "
            "nơi làm việc."
        ),
        "description": (
            "Lớp học qua Zoom vào buổi tối, phù hợp với công nhân, nhân viên văn phòng "
            "và người làm dịch vụ không có thời gian đến lớp. Nội dung gồm tự giới "
            "thiệu, trao đổi qua điện thoại, đọc hiểu thông báo, hướng dẫn an toàn lao "
            "động và viết thư điện tử ngắn.\n\n"
            "Học viên cần có điện thoại hoặc máy tính kết nối mạng ổn định và tai nghe."
        ),
        "category": "foreign-languages",
        "audiences": ["workers", "youth"],
        "level": "beginner",
        "mode": "online",
        "teaching_language": "en",
        "fee_vnd": 250000,
        "capacity": 30,
        "hours_per_session": 1.5,
        "sessions_count": 16,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Giáo viên tiếng Anh trung tâm ngoại ngữ liên kết",
        "regions": None,
        "translations": {
            "en": {
                "title": "Online conversational English for working people",
                "summary": (
                    "An evening online English class to help workers communicate "
                    "confidently at work."
                ),
                "description": (
                    "Held on Zoom in the evening, this class suits factory workers, "
                    "office staff and service workers who can't get to a classroom. It "
                    "covers introducing yourself, phone conversations, understanding "
                    "notices and safety instructions, and writing short emails.\n\n"
                    "You will need a phone or computer with a stable internet "
                    "connection, and a headset."
                ),
            },
        },
    },
    {
        "title": "Tiếng Hàn cơ bản cho người lao động đi làm việc tại Hàn Quốc",
        "summary": (
            "Học bảng chữ Hangeul và tiếng Hàn giao tiếp cơ bản để chuẩn bị cho kỳ thi "
            "EPS-TOPIK."
        ),
        "description": (
            "Khóa học dành cho thanh niên có nhu cầu đi làm việc tại Hàn Quốc theo "
            "Chương trình EPS. Học viên học bảng chữ cái Hangeul, phát âm, các mẫu câu "
            "giao tiếp ở nơi làm việc và làm quen với dạng đề thi EPS-TOPIK.\n\n"
            "Trung tâm phối hợp với Phòng Văn hóa – Xã hội xã tư vấn thêm về thủ tục, "
            "chi phí và cách tránh các đường dây môi giới lừa đảo."
        ),
        "category": "foreign-languages",
        "audiences": ["youth", "workers"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 500000,
        "capacity": 30,
        "hours_per_session": 2.0,
        "sessions_count": 16,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Giáo viên tiếng Hàn được trung tâm mời giảng",
        "regions": None,
    },
    {
        "title": "Kỹ thuật làm mạ khay cho lúa",
        "summary": (
            "Hướng dẫn gieo mạ khay đúng kỹ thuật để cấy bằng máy, tiết kiệm giống và "
            "công lao động."
        ),
        "description": (
            "Học viên được hướng dẫn chuẩn bị giá thể, xử lý và ngâm ủ hạt giống, gieo "
            "mạ trên khay và chăm sóc mạ đến khi đủ tuổi cấy máy. Kỹ sư khuyến nông "
            "cũng chia sẻ cách phòng bệnh cho mạ khi trời rét và so sánh chi phí giữa "
            "mạ khay với mạ dược truyền thống.\n\n"
            "Các buổi thực hành tổ chức ngay tại cánh đồng mẫu của xã."
        ),
        "category": "agriculture",
        "audiences": ["farmers"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 3.0,
        "sessions_count": 4,
        "time_of_day": "morning",
        "curriculum": None,
        "instructor_role": "Kỹ sư nông nghiệp Trạm khuyến nông",
        "regions": ["01", "19", "08", "22", "46"],
        "translations": {
            "en": {
                "title": "Growing rice seedlings in trays",
                "summary": (
                    "Learn the right way to raise rice seedlings in trays for machine "
                    "transplanting, saving seed and labour."
                ),
                "description": (
                    "Learners are shown how to prepare the growing medium, treat, soak "
                    "and sprout the seed, sow it in trays and look after the seedlings "
                    "until they are ready for machine transplanting. The extension "
                    "officer also explains how to protect seedlings from disease in "
                    "cold weather and compares the cost of tray seedlings with "
                    "traditional seedbeds.\n\n"
                    "The practical sessions take place in the commune's demonstration "
                    "field."
                ),
            },
        },
    },
    {
        "title": "Kỹ thuật trồng cà phê bền vững",
        "summary": (
            "Canh tác cà phê theo hướng bền vững: bón phân cân đối, tưới nước tiết "
            "kiệm và trồng xen cây che bóng."
        ),
        "description": (
            "Khóa học dành cho các hộ trồng cà phê vối, cà phê chè muốn nâng cao năng "
            "suất và chất lượng hạt. Nội dung gồm tái canh vườn già cỗi, bón phân theo "
            "kết quả phân tích đất, tưới nước tiết kiệm, trồng xen sầu riêng, hồ tiêu, "
            "quản lý sâu bệnh và chỉ thu hái quả chín.\n\n"
            "Học viên cũng được giới thiệu các yêu cầu về truy xuất nguồn gốc và không "
            "gây mất rừng để cà phê đủ điều kiện xuất khẩu sang châu Âu."
        ),
        "category": "agriculture",
        "audiences": ["farmers", "ethnic-minorities"],
        "level": "intermediate",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 35,
        "hours_per_session": 3.0,
        "sessions_count": 8,
        "time_of_day": "morning",
        "curriculum": None,
        "instructor_role": "Kỹ sư nông nghiệp Trạm khuyến nông",
        "regions": ["66", "68"],
        "translations": {
            "en": {
                "title": "Sustainable coffee growing",
                "summary": (
                    "Growing coffee sustainably: balanced fertiliser use, water-saving "
                    "irrigation and intercropping with shade trees."
                ),
                "description": (
                    "This course is for households growing Robusta or Arabica coffee "
                    "who want better yields and better beans. It covers replanting "
                    "old, worn-out plantations, fertilising according to soil tests, "
                    "water-saving irrigation, intercropping with durian and pepper, "
                    "managing pests and diseases, and picking only ripe cherries.\n\n"
                    "Learners are also introduced to the traceability and "
                    "deforestation-free requirements coffee must meet to be exported "
                    "to Europe."
                ),
            },
        },
    },
    {
        "title": "Trồng và chế biến chè an toàn",
        "summary": (
            "Kỹ thuật chăm sóc chè theo hướng an toàn và chế biến chè xanh đạt chất "
            "lượng."
        ),
        "description": (
            "Học viên được hướng dẫn đốn chè, bón phân hữu cơ, sử dụng thuốc bảo vệ "
            "thực vật đúng cách và bảo đảm thời gian cách ly trước khi hái. Phần chế "
            "biến gồm các công đoạn làm héo, diệt men, vò, sao và phân loại chè "
            "búp.\n\n"
            "Khóa học có một buổi tham quan hợp tác xã chè đã đạt chứng nhận VietGAP "
            "trong vùng."
        ),
        "category": "agriculture",
        "audiences": ["farmers", "women"],
        "level": "intermediate",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 3.0,
        "sessions_count": 6,
        "time_of_day": "morning",
        "curriculum": None,
        "instructor_role": "Kỹ sư nông nghiệp Trạm khuyến nông",
        "regions": ["19", "08"],
    },
    {
        "title": "Canh tác lúa – tôm thích ứng với xâm nhập mặn",
        "summary": (
            "Mô hình luân canh một vụ lúa, một vụ tôm giúp nông dân vùng ven biển sống "
            "chung với mặn."
        ),
        "description": (
            "Khóa học giới thiệu lịch thời vụ lúa – tôm, cách chọn giống lúa chịu mặn, "
            "cải tạo ruộng, rửa mặn và quản lý nước giữa hai vụ. Học viên cũng học "
            "cách thả tôm càng xanh, tôm sú với mật độ phù hợp và theo dõi độ mặn bằng "
            "khúc xạ kế.\n\n"
            "Buổi học cuối tham quan ruộng của các hộ đang làm mô hình hiệu quả trong "
            "xã."
        ),
        "category": "agriculture",
        "audiences": ["farmers"],
        "level": "intermediate",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 3.0,
        "sessions_count": 6,
        "time_of_day": "morning",
        "curriculum": None,
        "instructor_role": "Kỹ sư thủy sản Trạm khuyến nông",
        "regions": ["96", "91", "92", "86"],
        "translations": {
            "en": {
                "title": "Rice–shrimp farming adapted to saltwater intrusion",
                "summary": (
                    "Rotating one rice crop with one shrimp crop helps coastal farmers "
                    "live with rising salinity."
                ),
                "description": (
                    "The course covers the rice–shrimp crop calendar, choosing "
                    "salt-tolerant rice varieties, preparing fields, flushing out salt "
                    "and managing water between the two crops. Learners also learn to "
                    "stock giant freshwater prawns and tiger prawns at suitable "
                    "densities and to monitor salinity with a refractometer.\n\n"
                    "The last session visits the fields of households in the commune "
                    "that are running the model successfully."
                ),
            },
        },
    },
    {
        "title": "Nuôi gà thả vườn an toàn sinh học",
        "summary": (
            "Kỹ thuật chọn giống, làm chuồng, phòng bệnh và chăm sóc gà thả vườn cho "
            "hộ gia đình."
        ),
        "description": (
            "Khóa học hướng dẫn chọn gà giống khỏe, làm chuồng trại và khu vườn thả, "
            "phối trộn thức ăn từ ngô, cám gạo sẵn có và lịch tiêm phòng cúm gia cầm, "
            "bệnh Newcastle. Học viên được thực hành nhận biết gà ốm và cách xử lý khi "
            "có dịch để không lây lan sang các đàn khác.\n\n"
            "Các hộ hoàn thành khóa học được ưu tiên tham gia mô hình hỗ trợ con giống "
            "của xã."
        ),
        "category": "agriculture",
        "audiences": ["farmers", "women"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 3.0,
        "sessions_count": 5,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Cán bộ thú y xã",
        "regions": None,
    },
    {
        "title": "Sản xuất rau an toàn theo tiêu chuẩn VietGAP",
        "summary": (
            "Quy trình trồng rau theo VietGAP và ghi nhật ký sản xuất điện tử để truy "
            "xuất nguồn gốc."
        ),
        "description": (
            "Học viên học quy trình sản xuất rau theo VietGAP: chọn đất, nguồn nước, "
            "giống, bón phân, sử dụng thuốc bảo vệ thực vật và thu hoạch. Phần lý "
            "thuyết học qua video trên điện thoại, phần thực hành diễn ra trên ruộng "
            "rau của tổ hợp tác, có ghi nhật ký sản xuất trên ứng dụng.\n\n"
            "Kết thúc khóa học, tổ hợp tác được hướng dẫn làm hồ sơ đăng ký chứng nhận "
            "VietGAP và in tem truy xuất nguồn gốc."
        ),
        "category": "agriculture",
        "audiences": ["farmers", "women"],
        "level": "intermediate",
        "mode": "blended",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 8,
        "time_of_day": "morning",
        "curriculum": "NN-SO-2025",
        "instructor_role": "Kỹ sư nông nghiệp Trạm khuyến nông",
        "regions": None,
        "translations": {
            "en": {
                "title": "Growing safe vegetables to VietGAP standards",
                "summary": (
                    "The VietGAP process for growing vegetables, with an electronic "
                    "farm diary for traceability."
                ),
                "description": (
                    "Learners study the VietGAP process for vegetables: choosing land, "
                    "water sources and seed, fertilising, using pesticides and "
                    "harvesting. The theory is taught through videos on the phone, "
                    "while the practical work takes place in the cooperative group's "
                    "vegetable plots, where learners keep a farm diary in an app.\n\n"
                    "At the end of the course, the group gets help preparing its "
                    "VietGAP certification application and printing traceability "
                    "labels."
                ),
            },
        },
    },
    {
        "title": "Chăm sóc sức khỏe bà mẹ và trẻ em",
        "summary": (
            "Kiến thức chăm sóc khi mang thai, sau sinh, nuôi con bằng sữa mẹ và tiêm "
            "chủng cho trẻ."
        ),
        "description": (
            "Nữ hộ sinh Trạm y tế xã hướng dẫn các mốc khám thai, dấu hiệu nguy hiểm "
            "khi mang thai, chuẩn bị đi sinh và chăm sóc mẹ, bé sau sinh. Học viên "
            "được thực hành cho con bú đúng tư thế, theo dõi cân nặng của trẻ và nắm "
            "lịch tiêm chủng mở rộng.\n\n"
            "Chồng và người thân trong gia đình được khuyến khích cùng tham gia."
        ),
        "category": "health",
        "audiences": ["women", "ethnic-minorities"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 6,
        "time_of_day": "morning",
        "curriculum": None,
        "instructor_role": "Nữ hộ sinh Trạm y tế xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Maternal and child health care",
                "summary": (
                    "Essential knowledge on pregnancy and postnatal care, "
                    "breastfeeding and childhood vaccinations."
                ),
                "description": (
                    "The midwife from the commune health station explains the schedule "
                    "of antenatal check-ups, danger signs during pregnancy, preparing "
                    "for the birth and caring for mother and baby afterwards. Learners "
                    "practise correct breastfeeding positions, learn to track a "
                    "child's weight and go through the national immunisation "
                    "schedule.\n\n"
                    "Husbands and other family members are encouraged to come too."
                ),
            },
        },
    },
    {
        "title": "Sơ cứu ban đầu",
        "summary": (
            "Thực hành sơ cứu các tai nạn thường gặp: cầm máu, gãy xương, bỏng, đuối "
            "nước và hồi sinh tim phổi."
        ),
        "description": (
            "Y sĩ Trạm y tế xã hướng dẫn cách đánh giá người bị nạn, gọi cấp cứu 115, "
            "cầm máu vết thương, cố định xương gãy, xử trí bỏng, rắn cắn và hóc dị "
            "vật. Học viên thực hành ép tim, thổi ngạt trên mô hình cho đến khi làm "
            "thành thạo.\n\n"
            "Học viên hoàn thành khóa học được cấp giấy chứng nhận tham gia."
        ),
        "category": "health",
        "audiences": ["everyone", "youth"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 3.0,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Y sĩ Trạm y tế xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "First aid",
                "summary": (
                    "Hands-on first aid for common accidents: bleeding, fractures, "
                    "burns, drowning and CPR."
                ),
                "description": (
                    "A health worker from the commune health station shows how to "
                    "assess a casualty, call 115 for an ambulance, stop bleeding, "
                    "immobilise a broken bone, and deal with burns, snakebites and "
                    "choking. Learners practise chest compressions and rescue breaths "
                    "on a manikin until they can do them confidently.\n\n"
                    "Learners who complete the course receive a certificate of "
                    "attendance."
                ),
            },
        },
    },
    {
        "title": "Phòng và kiểm soát tăng huyết áp, đái tháo đường ở người cao tuổi",
        "summary": (
            "Giúp người cao tuổi tự theo dõi huyết áp, đường huyết và ăn uống, vận "
            "động hợp lý."
        ),
        "description": (
            "Khóa học hướng dẫn cách đo huyết áp tại nhà, đọc kết quả xét nghiệm đường "
            "huyết, uống thuốc đúng giờ theo đơn và nhận biết dấu hiệu đột quỵ. Mỗi "
            "buổi có phần tập dưỡng sinh nhẹ nhàng và chia sẻ thực đơn ít muối, ít "
            "đường từ thực phẩm địa phương.\n\n"
            "Trạm y tế xã đo huyết áp miễn phí cho học viên trước mỗi buổi học."
        ),
        "category": "health",
        "audiences": ["older-adults"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 1.5,
        "sessions_count": 6,
        "time_of_day": "morning",
        "curriculum": None,
        "instructor_role": "Bác sĩ Trạm y tế xã",
        "regions": None,
    },
    {
        "title": "Dinh dưỡng hợp lý cho trẻ dưới 5 tuổi",
        "summary": (
            "Hướng dẫn cha mẹ chế biến bữa ăn đủ chất cho trẻ để phòng suy dinh dưỡng "
            "và thừa cân."
        ),
        "description": (
            "Cộng tác viên dinh dưỡng hướng dẫn cách cho trẻ ăn dặm đúng thời điểm, "
            "phối hợp bốn nhóm thực phẩm và tận dụng rau, trứng, cá sẵn có trong gia "
            "đình. Các buổi học có phần thực hành nấu cháo, bột dinh dưỡng và cân đo, "
            "ghi biểu đồ tăng trưởng cho trẻ.\n\n"
            "Cha mẹ có thể đưa con theo; trung tâm bố trí góc chơi cho trẻ trong giờ "
            "học."
        ),
        "category": "health",
        "audiences": ["women"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Cộng tác viên dinh dưỡng Trạm y tế xã",
        "regions": None,
    },
    {
        "title": "Luật Đất đai 2024 – những điều người dân cần biết",
        "summary": (
            "Giới thiệu những điểm mới của Luật Đất đai 2024 liên quan trực tiếp đến "
            "quyền lợi của người dân."
        ),
        "description": (
            "Cán bộ tư pháp xã giới thiệu các quy định mới về cấp giấy chứng nhận "
            "quyền sử dụng đất, bảng giá đất, bồi thường khi Nhà nước thu hồi đất, "
            "chuyển mục đích sử dụng đất và thừa kế, tặng cho quyền sử dụng đất. Học "
            "viên được giải đáp những tình huống cụ thể của gia đình mình.\n\n"
            "Bà con có thể gửi câu hỏi trước qua nhóm Zalo của trung tâm để buổi học "
            "tập trung vào những vấn đề được quan tâm nhiều nhất."
        ),
        "category": "law-civics",
        "audiences": ["everyone", "farmers"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 40,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Cán bộ tư pháp xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "The 2024 Land Law: what residents need to know",
                "summary": (
                    "An introduction to the changes in the 2024 Land Law that directly "
                    "affect residents' rights."
                ),
                "description": (
                    "The commune justice officer explains the new rules on land use "
                    "right certificates, land price tables, compensation when the "
                    "State recovers land, changing the permitted use of land, and "
                    "inheriting or gifting land use rights. Learners can ask about "
                    "their own family's situation.\n\n"
                    "Residents can send in questions beforehand through the centre's "
                    "Zalo group, so that the sessions focus on what matters most to "
                    "people."
                ),
            },
        },
    },
    {
        "title": "Phòng, chống bạo lực gia đình",
        "summary": (
            "Tìm hiểu Luật Phòng, chống bạo lực gia đình và rèn kỹ năng ứng xử, tìm "
            "kiếm sự hỗ trợ."
        ),
        "description": (
            "Khóa học giúp người dân nhận biết các hình thức bạo lực gia đình, kể cả "
            "bạo lực tinh thần và kinh tế, hiểu quyền của người bị bạo lực và trách "
            "nhiệm của cộng đồng theo Luật Phòng, chống bạo lực gia đình năm 2022. Học "
            "viên thực hành kỹ năng giao tiếp, kiềm chế nóng giận và biết các địa chỉ "
            "tin cậy để tìm kiếm giúp đỡ.\n\n"
            "Các buổi học có nhóm thảo luận riêng cho phụ nữ và cho nam giới."
        ),
        "category": "law-civics",
        "audiences": ["women", "everyone"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Cán bộ Hội Liên hiệp Phụ nữ xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Preventing domestic violence",
                "summary": (
                    "An introduction to the Law on Domestic Violence Prevention and "
                    "Control, with skills for handling conflict and finding help."
                ),
                "description": (
                    "The course helps residents recognise the forms domestic violence "
                    "can take, including emotional and economic abuse, and understand "
                    "the rights of people affected and the community's "
                    "responsibilities under the 2022 Law on Domestic Violence "
                    "Prevention and Control. Learners practise communication and anger "
                    "management skills and find out where to turn for trusted help.\n\n"
                    "Sessions include separate discussion groups for women and for men."
                ),
            },
        },
    },
    {
        "title": (
            "Hợp đồng lao động, tiền lương và bảo hiểm: quyền lợi của người lao động"
        ),
        "summary": (
            "Lớp trực tuyến giúp công nhân hiểu về hợp đồng lao động, tiền lương, giờ "
            "làm thêm và bảo hiểm xã hội."
        ),
        "description": (
            "Khóa học trực tuyến qua Zoom vào buổi tối, phù hợp với công nhân làm việc "
            "theo ca ở các khu công nghiệp. Nội dung gồm các loại hợp đồng lao động, "
            "cách tính tiền lương làm thêm giờ, chế độ thai sản, ốm đau, trợ cấp thôi "
            "việc và cách tra cứu quá trình đóng bảo hiểm xã hội trên ứng dụng "
            "VssID.\n\n"
            "Mỗi buổi dành 30 phút để học viên hỏi đáp trực tiếp với cán bộ công đoàn."
        ),
        "category": "law-civics",
        "audiences": ["workers"],
        "level": "beginner",
        "mode": "online",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 40,
        "hours_per_session": 1.5,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Cán bộ Công đoàn khu công nghiệp",
        "regions": None,
    },
    {
        "title": "Bảo hiểm xã hội tự nguyện và bảo hiểm y tế hộ gia đình",
        "summary": (
            "Hướng dẫn nông dân, người lao động tự do tham gia bảo hiểm xã hội tự "
            "nguyện và bảo hiểm y tế."
        ),
        "description": (
            "Cán bộ bảo hiểm xã hội giải thích quyền lợi hưởng lương hưu, mức đóng, "
            "mức Nhà nước hỗ trợ và những điểm mới của Luật Bảo hiểm xã hội năm 2024. "
            "Học viên được hướng dẫn cài ứng dụng VssID để tự theo dõi quá trình đóng "
            "bảo hiểm của cả gia đình.\n\n"
            "Sau buổi học, cán bộ ở lại hỗ trợ bà con đăng ký tham gia ngay tại trung "
            "tâm."
        ),
        "category": "law-civics",
        "audiences": ["farmers", "workers"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 40,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Cán bộ Bảo hiểm xã hội cơ sở",
        "regions": None,
    },
    {
        "title": "Đan lát mây tre",
        "summary": (
            "Học nghề đan giỏ, khay, lẵng hoa từ mây tre để có thêm thu nhập lúc nông "
            "nhàn."
        ),
        "description": (
            "Nghệ nhân làng nghề hướng dẫn cách chọn và xử lý nguyên liệu mây, tre, "
            "giang, chẻ nan, nhuộm màu và đan các sản phẩm gia dụng như giỏ đựng đồ, "
            "khay, lẵng hoa. Học viên hoàn thành khóa học có thể nhận hàng gia công "
            "tại nhà cho hợp tác xã.\n\n"
            "Học phí dùng để mua nguyên liệu; sản phẩm làm ra trong khóa học thuộc về "
            "học viên."
        ),
        "category": "vocational",
        "audiences": ["women", "older-adults", "farmers"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 150000,
        "capacity": 25,
        "hours_per_session": 3.0,
        "sessions_count": 12,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Nghệ nhân làng nghề mây tre đan",
        "regions": None,
        "translations": {
            "en": {
                "title": "Rattan and bamboo weaving",
                "summary": (
                    "Learn to weave baskets, trays and flower baskets from rattan and "
                    "bamboo to earn extra income between farming seasons."
                ),
                "description": (
                    "Craftspeople from the craft village show how to choose and treat "
                    "rattan and bamboo, split it into strips, dye it and weave "
                    "household items such as storage baskets, trays and flower "
                    "baskets. Learners who complete the course can take on piecework "
                    "at home for the cooperative.\n\n"
                    "The course fee covers materials, and learners keep everything "
                    "they make."
                ),
            },
        },
    },
    {
        "title": "Sửa chữa điện dân dụng",
        "summary": (
            "Lắp đặt, sửa chữa hệ thống điện trong gia đình và các thiết bị điện thông "
            "dụng một cách an toàn."
        ),
        "description": (
            "Khóa học trang bị kiến thức an toàn điện, cách đọc sơ đồ mạch điện, lắp "
            "đặt ổ cắm, công tắc, cầu dao chống giật và sửa chữa quạt điện, nồi cơm "
            "điện, máy bơm nước. Học viên thực hành trên bàn thực hành có thiết bị "
            "thật dưới sự giám sát của giáo viên.\n\n"
            "Học viên hoàn thành khóa học và đạt bài kiểm tra cuối khóa được cấp giấy "
            "chứng nhận."
        ),
        "category": "vocational",
        "audiences": ["youth", "workers"],
        "level": "intermediate",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 300000,
        "capacity": 20,
        "hours_per_session": 3.0,
        "sessions_count": 16,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Giáo viên trường trung cấp nghề",
        "regions": None,
        "translations": {
            "en": {
                "title": "Household electrical repair",
                "summary": (
                    "Install and repair home wiring and common electrical appliances "
                    "safely."
                ),
                "description": (
                    "The course covers electrical safety, reading circuit diagrams, "
                    "installing sockets, switches and residual-current circuit "
                    "breakers, and repairing electric fans, rice cookers and water "
                    "pumps. Learners practise on training benches with real equipment "
                    "under the teacher's supervision.\n\n"
                    "Learners who complete the course and pass the final test receive "
                    "a certificate."
                ),
            },
        },
    },
    {
        "title": "Kỹ thuật may công nghiệp",
        "summary": (
            "Học vận hành máy may công nghiệp và may các sản phẩm cơ bản để vào làm "
            "tại doanh nghiệp may."
        ),
        "description": (
            "Học viên được làm quen với máy may một kim, máy vắt sổ, học cách đọc bảng "
            "thông số, may các đường may cơ bản và hoàn thiện áo sơ mi, quần âu. Khóa "
            "học do trung tâm phối hợp với doanh nghiệp may trên địa bàn tổ chức; học "
            "viên đạt yêu cầu được giới thiệu việc làm.\n\n"
            "Lớp học vào buổi chiều để chị em thuận tiện sắp xếp việc nhà."
        ),
        "category": "vocational",
        "audiences": ["women", "workers"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 250000,
        "capacity": 25,
        "hours_per_session": 3.0,
        "sessions_count": 16,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Kỹ thuật viên doanh nghiệp may",
        "regions": None,
    },
    {
        "title": "Dệt thổ cẩm truyền thống",
        "summary": (
            "Truyền dạy kỹ thuật dệt thổ cẩm và làm sản phẩm lưu niệm phục vụ khách du "
            "lịch."
        ),
        "description": (
            "Các nghệ nhân trong buôn, bản hướng dẫn thế hệ trẻ chuẩn bị sợi, lên "
            "khung, dệt các hoa văn truyền thống của dân tộc mình. Ngoài vải dệt, học "
            "viên còn học may túi, khăn, ví từ thổ cẩm để bán cho khách du lịch và bán "
            "qua mạng.\n\n"
            "Khóa học góp phần gìn giữ nghề truyền thống đang có nguy cơ mai một ở "
            "nhiều bản làng."
        ),
        "category": "vocational",
        "audiences": ["ethnic-minorities", "women", "youth"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 20,
        "hours_per_session": 3.0,
        "sessions_count": 12,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Nghệ nhân dệt thổ cẩm trong bản",
        "regions": ["04", "08", "15", "66", "68"],
    },
    {
        "title": "Hát then – đàn tính",
        "summary": (
            "Truyền dạy làn điệu then và cách chơi đàn tính cho thế hệ trẻ người Tày, "
            "Nùng."
        ),
        "description": (
            "Nghệ nhân hát then của xã hướng dẫn học viên các làn điệu then cổ và then "
            "mới, cách lên dây, bấm phím và đệm đàn tính. Học viên được tìm hiểu ý "
            "nghĩa của then trong đời sống tinh thần của người Tày, Nùng, Thái.\n\n"
            "Cuối khóa, lớp học biểu diễn tại ngày hội văn hóa của xã."
        ),
        "category": "culture-arts",
        "audiences": ["ethnic-minorities", "youth"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 20,
        "hours_per_session": 2.0,
        "sessions_count": 12,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Nghệ nhân hát then của xã",
        "regions": ["04", "08", "15"],
        "translations": {
            "en": {
                "title": "Then singing and the tính lute",
                "summary": (
                    "Passing on then singing and tính lute playing to young Tày and "
                    "Nùng people."
                ),
                "description": (
                    "A then master from the commune teaches both old and new then "
                    "melodies, and how to tune the tính lute, fret the strings and "
                    "accompany singing. Learners also explore the place of then in the "
                    "spiritual life of the Tày, Nùng and Thái peoples.\n\n"
                    "At the end of the course, the class performs at the commune's "
                    "cultural festival."
                ),
            },
        },
    },
    {
        "title": "Đờn ca tài tử Nam Bộ",
        "summary": (
            "Sinh hoạt và học đờn ca tài tử cho người yêu thích âm nhạc truyền thống "
            "Nam Bộ."
        ),
        "description": (
            "Câu lạc bộ đờn ca tài tử của xã mở lớp dạy ca vọng cổ, các bài bản quen "
            "thuộc như Lưu thủy trường, Tứ đại oán và dạy đờn kìm, đờn ghi-ta phím lõm "
            "cho người mới bắt đầu. Lớp học vào buổi tối, không khí thân mật như một "
            "buổi sinh hoạt của bà con trong ấp.\n\n"
            "Học viên khá được tham gia biểu diễn phục vụ khách du lịch miệt vườn."
        ),
        "category": "culture-arts",
        "audiences": ["everyone", "older-adults"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 12,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Nghệ nhân câu lạc bộ đờn ca tài tử xã",
        "regions": ["82", "86", "91", "92", "96", "79"],
        "translations": {
            "en": {
                "title": "Southern Vietnamese đờn ca tài tử music",
                "summary": (
                    "Classes and jam sessions in đờn ca tài tử for anyone who loves "
                    "the traditional music of southern Vietnam."
                ),
                "description": (
                    "The commune's đờn ca tài tử club teaches vọng cổ and well-known "
                    "pieces such as Lưu thủy trường and Tứ đại oán, and teaches "
                    "beginners to play the moon lute and the scalloped-fretboard "
                    "guitar. Classes are held in the evening and feel like a relaxed "
                    "get-together of neighbours from the hamlet.\n\n"
                    "Stronger learners get the chance to perform for visitors on "
                    "orchard tours."
                ),
            },
        },
    },
    {
        "title": "Cồng chiêng Tây Nguyên cho thanh thiếu niên",
        "summary": (
            "Truyền dạy cách đánh cồng chiêng và ý nghĩa của không gian văn hóa cồng "
            "chiêng Tây Nguyên."
        ),
        "description": (
            "Già làng và nghệ nhân trong buôn hướng dẫn các em cách cầm, đánh từng "
            "chiếc chiêng trong bộ và phối hợp theo nhịp các bài chiêng dùng trong lễ "
            "hội của người Ê Đê, M'nông, Gia Rai, Cơ Ho. Các em còn được nghe kể về "
            "luật tục, sử thi và ý nghĩa của tiếng chiêng trong đời sống buôn làng.\n\n"
            "Lớp học vào chiều thứ Bảy, Chủ nhật tại nhà dài truyền thống của buôn."
        ),
        "category": "culture-arts",
        "audiences": ["youth", "children", "ethnic-minorities"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 2.0,
        "sessions_count": 10,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Nghệ nhân cồng chiêng trong buôn",
        "regions": ["66", "68"],
        "translations": {
            "en": {
                "title": "Central Highlands gong music for young people",
                "summary": (
                    "Teaches young people to play the gongs and what the gong culture "
                    "of the Central Highlands means."
                ),
                "description": (
                    "Village elders and master musicians teach young people how to "
                    "hold and strike each gong in the set and play together in the "
                    "rhythms used at Ê Đê, M'nông, Gia Rai and Cơ Ho festivals. They "
                    "also hear about customary law, epic tales and the meaning of gong "
                    "music in village life.\n\n"
                    "Classes take place on Saturday and Sunday afternoons in the "
                    "village's traditional longhouse."
                ),
            },
        },
    },
    {
        "title": "Ca Huế cho người mới bắt đầu",
        "summary": (
            "Làm quen với các làn điệu ca Huế và nhạc cụ dân tộc cho người yêu thích "
            "âm nhạc cố đô."
        ),
        "description": (
            "Nghệ nhân ca Huế hướng dẫn cách lấy hơi, nhả chữ theo giọng Huế và các "
            "bài quen thuộc như Lưu thủy, Tứ đại cảnh, Nam ai, Nam bình. Học viên cũng "
            "được giới thiệu về đàn tranh, đàn nguyệt, đàn bầu và tập hòa tấu đơn "
            "giản.\n\n"
            "Cuối khóa, lớp tổ chức một đêm ca Huế nhỏ tại nhà văn hóa để gia đình học "
            "viên cùng thưởng thức."
        ),
        "category": "culture-arts",
        "audiences": ["everyone", "older-adults"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 20,
        "hours_per_session": 2.0,
        "sessions_count": 10,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Nghệ nhân ca Huế",
        "regions": ["46", "48"],
    },
    {
        "title": "Phòng chống đuối nước và dạy bơi cho trẻ em",
        "summary": (
            "Dạy bơi an toàn và kỹ năng tự cứu, cứu bạn khi gặp nạn dưới nước cho trẻ "
            "từ 8 đến 15 tuổi."
        ),
        "description": (
            "Lớp học tổ chức vào dịp hè tại bể bơi lưu động hoặc khu vực ao, sông đã "
            "được rào chắn an toàn. Các em học nổi, thở, bơi ếch, kỹ năng tự cứu khi "
            "bị chuột rút và cách cứu bạn bằng sào, phao mà không nhảy xuống nước.\n\n"
            "Phụ huynh cần ký giấy đồng ý cho con tham gia; mỗi nhóm 5 em có một hướng "
            "dẫn viên kèm."
        ),
        "category": "life-skills",
        "audiences": ["children"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 25,
        "hours_per_session": 1.5,
        "sessions_count": 10,
        "time_of_day": "afternoon",
        "curriculum": None,
        "instructor_role": "Hướng dẫn viên bơi của Đoàn thanh niên xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Drowning prevention and swimming lessons for children",
                "summary": (
                    "Safe swimming lessons and water rescue skills for children aged 8 "
                    "to 15."
                ),
                "description": (
                    "Lessons run during the summer holidays in a mobile pool or a "
                    "fenced-off, safe stretch of pond or river. Children learn to "
                    "float, breathe and swim breaststroke, how to save themselves if "
                    "they get cramp, and how to help a friend with a pole or float "
                    "without jumping into the water.\n\n"
                    "Parents must sign a consent form, and there is one instructor for "
                    "every group of five children."
                ),
            },
        },
    },
    {
        "title": "Quản lý tài chính gia đình",
        "summary": (
            "Lập kế hoạch chi tiêu, tiết kiệm và vay vốn an toàn, tránh xa tín dụng "
            "đen."
        ),
        "description": (
            "Khóa học giúp chị em ghi chép thu chi, lập kế hoạch tiết kiệm cho việc "
            "học của con, hiểu lãi suất khi vay vốn ngân hàng và quỹ tín dụng nhân "
            "dân. Học viên được cảnh báo về tín dụng đen, vay qua ứng dụng với lãi "
            "suất cắt cổ và được hướng dẫn cách tiếp cận nguồn vốn ưu đãi của Ngân "
            "hàng Chính sách xã hội.\n\n"
            "Các buổi học lồng ghép trò chơi và bài tập tình huống, dễ hiểu và dễ áp "
            "dụng."
        ),
        "category": "life-skills",
        "audiences": ["women"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 30,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Cán bộ Hội Liên hiệp Phụ nữ xã",
        "regions": None,
        "translations": {
            "en": {
                "title": "Managing household finances",
                "summary": (
                    "Plan your spending, save and borrow safely, and stay away from "
                    "loan sharks."
                ),
                "description": (
                    "The course helps women keep track of household income and "
                    "spending, plan savings for their children's education and "
                    "understand the interest on loans from banks and people's credit "
                    "funds. Learners are warned about loan sharks and lending apps "
                    "with extortionate interest rates, and shown how to access "
                    "preferential loans from the Vietnam Bank for Social Policies.\n\n"
                    "Sessions use games and real-life case studies, so the ideas are "
                    "easy to follow and put into practice."
                ),
            },
        },
    },
    {
        "title": "Kỹ năng phòng chống thiên tai cho hộ gia đình",
        "summary": (
            "Chuẩn bị ứng phó với bão, lũ, sạt lở đất và biết cách sơ tán an toàn."
        ),
        "description": (
            "Cán bộ Ban Chỉ huy quân sự xã hướng dẫn người dân theo dõi bản tin cảnh "
            "báo thiên tai, gia cố nhà cửa trước mùa mưa bão, chuẩn bị túi đồ dùng "
            "khẩn cấp và lên phương án sơ tán cho người già, trẻ nhỏ. Học viên tham "
            "gia diễn tập sơ tán theo kịch bản của thôn.\n\n"
            "Khóa học đặc biệt cần thiết với các hộ sống gần sông suối, sườn đồi hoặc "
            "vùng trũng thấp."
        ),
        "category": "life-skills",
        "audiences": ["everyone"],
        "level": "beginner",
        "mode": "in_person",
        "teaching_language": "vi",
        "fee_vnd": 0,
        "capacity": 40,
        "hours_per_session": 2.0,
        "sessions_count": 4,
        "time_of_day": "evening",
        "curriculum": None,
        "instructor_role": "Cán bộ Ban Chỉ huy quân sự xã",
        "regions": None,
    },
]


# Profiles used to vary centre pages.
CENTRE_PROFILES = [
    {
        "opening_hours": (
            "Thứ Hai – Thứ Sáu: 7:30–11:30, 13:30–17:00; tối Thứ Ba, Thứ Năm: "
            "19:00–21:00"
        ),
        "description": (
            "Trung tâm học tập cộng đồng {commune} đặt tại nhà văn hóa xã, có phòng "
            "máy tính 20 máy được kết nối internet tốc độ cao. Trung tâm thường xuyên "
            "mở lớp kỹ năng số, tin học và tổ chức các buổi tuyên truyền pháp luật cho "
            "bà con vào buổi tối."
        ),
        "description_en": (
            "The community learning centre in {commune} is based in the commune "
            "cultural house and has a computer room with 20 computers on a high-speed "
            "internet connection. The centre regularly runs digital skills and "
            "computing classes, as well as evening talks on the law for local "
            "residents."
        ),
        "has_computers": True,
        "has_wifi": True,
        "step_free_access": True,
        "places": ["Phòng máy tính", "Hội trường nhà văn hóa", "Phòng học số 2"],
    },
    {
        "opening_hours": "Thứ Hai – Thứ Bảy: 7:00–11:00, 14:00–17:00",
        "description": (
            "Trung tâm học tập cộng đồng {commune} dùng chung khuôn viên với trường "
            "tiểu học, có hai phòng học và một thư viện nhỏ với hơn 1.500 đầu sách. "
            "Vào mùa nông nhàn, trung tâm tổ chức các lớp chuyển giao kỹ thuật trồng "
            "trọt, chăn nuôi ngay trên đồng ruộng của bà con."
        ),
        "description_en": (
            "The community learning centre in {commune} shares its grounds with the "
            "primary school and has two classrooms and a small library of more than "
            "1,500 titles. In the slack farming season, the centre runs hands-on crop "
            "and livestock training right in local farmers' fields."
        ),
        "has_computers": False,
        "has_wifi": True,
        "step_free_access": False,
        "places": ["Phòng học số 1", "Phòng học số 2", "Thư viện"],
    },
    {
        "opening_hours": (
            "Thứ Ba – Chủ nhật: 8:00–11:00; tối Thứ Hai, Thứ Tư, Thứ Sáu: 19:00–21:00"
        ),
        "description": (
            "Trung tâm học tập cộng đồng {commune} nằm cạnh chợ, thuận tiện cho bà con "
            "buôn bán ghé học sau khi tan chợ. Hội trường rộng có máy chiếu, âm thanh "
            "và wifi miễn phí; lối vào có đường dốc cho xe lăn."
        ),
        "description_en": (
            "The community learning centre in {commune} is right next to the market, "
            "so traders can drop in for a class once the market winds down. The large "
            "hall has a projector, a sound system and free Wi-Fi, and there is a "
            "wheelchair ramp at the entrance."
        ),
        "has_computers": False,
        "has_wifi": True,
        "step_free_access": True,
        "places": ["Hội trường", "Phòng sinh hoạt câu lạc bộ"],
    },
    {
        "opening_hours": "Thứ Hai – Thứ Sáu: 13:30–17:00; tối Thứ Bảy: 19:00–21:00",
        "description": (
            "Trung tâm học tập cộng đồng {commune} đặt tại nhà văn hóa của bản, là nơi "
            "mở các lớp xóa mù chữ, sinh hoạt câu lạc bộ hát then và dệt thổ cẩm. "
            "Trung tâm có 10 máy tính xách tay do chương trình chuyển đổi số hỗ trợ, "
            "được mang đến các thôn xa khi mở lớp lưu động."
        ),
        "description_en": (
            "The community learning centre in {commune} is based in the village "
            "cultural house and hosts literacy classes, a then singing club and a "
            "brocade weaving group. It has ten laptops provided under the digital "
            "transformation programme, which staff take to outlying villages for "
            "mobile classes."
        ),
        "has_computers": True,
        "has_wifi": False,
        "step_free_access": False,
        "places": ["Nhà văn hóa bản", "Phòng học xóa mù chữ"],
    },
    {
        "opening_hours": (
            "Thứ Hai – Thứ Sáu: 7:00–11:00, 13:30–16:30; sáng Chủ nhật: 7:30–10:30"
        ),
        "description": (
            "Trung tâm học tập cộng đồng {commune} nằm trong khuôn viên Ủy ban nhân "
            "dân xã, gần bến đò nên bà con các ấp ven sông đi lại thuận tiện. Ngoài "
            "phòng học chung, trung tâm có khu trình diễn mô hình nông nghiệp và tủ "
            "sách pháp luật phục vụ người dân."
        ),
        "description_en": (
            "The community learning centre in {commune} stands in the grounds of the "
            "commune People's Committee, close to the ferry landing, so it is easy to "
            "reach from the riverside hamlets. As well as a shared classroom, it has a "
            "farming demonstration area and a law library open to the public."
        ),
        "has_computers": False,
        "has_wifi": True,
        "step_free_access": True,
        "places": ["Phòng học chung", "Khu trình diễn mô hình", "Tủ sách pháp luật"],
    },
    {
        "opening_hours": (
            "Thứ Hai – Thứ Sáu: 8:00–11:30, 14:00–17:00, 18:30–21:00; Thứ Bảy: "
            "8:00–11:30"
        ),
        "description": (
            "Trung tâm học tập cộng đồng {commune} đặt tại nhà văn hóa phường, có "
            "thang máy, lối đi không bậc thềm và nhà vệ sinh cho người khuyết tật. "
            "Phòng máy tính 25 máy và phòng học ngoại ngữ có tai nghe phục vụ các lớp "
            "buổi tối cho công nhân, người lao động trên địa bàn."
        ),
        "description_en": (
            "The community learning centre in {commune} is located in the ward "
            "cultural house, which has a lift, step-free access and an accessible "
            "toilet. A 25-seat computer room and a language room with headsets host "
            "evening classes for factory and other workers in the area."
        ),
        "has_computers": True,
        "has_wifi": True,
        "step_free_access": True,
        "places": ["Phòng máy tính", "Phòng học ngoại ngữ", "Hội trường"],
    },
    {
        "opening_hours": (
            "Thứ Hai – Thứ Sáu: 7:30–11:00, 13:30–17:00; chiều Thứ Bảy, Chủ nhật: "
            "14:00–17:00"
        ),
        "description": (
            "Trung tâm học tập cộng đồng {commune} gắn với nhà dài truyền thống của "
            "buôn, nơi diễn ra các lớp cồng chiêng, kể sử thi và tập huấn kỹ thuật "
            "trồng cà phê. Trung tâm có một phòng học nhỏ với máy chiếu và điểm phát "
            "wifi do bưu điện xã lắp đặt."
        ),
        "description_en": (
            "The community learning centre in {commune} is linked to the village's "
            "traditional longhouse, where gong classes, epic storytelling and "
            "coffee-growing workshops take place. It also has a small classroom with a "
            "projector and a Wi-Fi hotspot installed by the commune post office."
        ),
        "has_computers": False,
        "has_wifi": True,
        "step_free_access": False,
        "places": ["Nhà dài truyền thống", "Phòng học nhỏ"],
    },
    {
        "opening_hours": "Thứ Hai – Thứ Bảy: 14:00–17:00, 19:00–21:00",
        "description": (
            "Trung tâm học tập cộng đồng {commune} chủ yếu phục vụ ngư dân và các gia "
            "đình làm dịch vụ du lịch, nên lớp học thường mở vào buổi chiều và buổi "
            "tối. Trung tâm có phòng máy tính nhỏ, phòng học tiếng Anh và sân rộng "
            "dùng để tập huấn, diễn tập phòng chống thiên tai."
        ),
        "description_en": (
            "The community learning centre in {commune} mainly serves fishing families "
            "and households working in tourism, so most classes run in the afternoon "
            "and evening. It has a small computer room, an English classroom and a "
            "large yard used for disaster preparedness training and drills."
        ),
        "has_computers": True,
        "has_wifi": True,
        "step_free_access": True,
        "places": ["Phòng máy tính", "Phòng học tiếng Anh", "Sân tập huấn"],
    },
    {
        "opening_hours": (
            "Thứ Hai, Thứ Tư, Thứ Sáu: 7:30–11:00; tối Thứ Ba, Thứ Năm: 19:00–21:00"
        ),
        "description": (
            "Trung tâm học tập cộng đồng {commune} được cải tạo từ trụ sở hợp tác xã "
            "cũ, có hội trường 80 chỗ ngồi và một phòng học kỹ năng số với 15 máy "
            "tính. Tình nguyện viên Đoàn thanh niên trực vào tối thứ Ba, thứ Năm để hỗ "
            "trợ người dân làm dịch vụ công trực tuyến."
        ),
        "description_en": (
            "The community learning centre in {commune} occupies the refurbished "
            "former cooperative office, with an 80-seat hall and a digital skills room "
            "with 15 computers. Youth Union volunteers are on hand on Tuesday and "
            "Thursday evenings to help residents use online public services."
        ),
        "has_computers": True,
        "has_wifi": True,
        "step_free_access": False,
        "places": ["Hội trường 80 chỗ", "Phòng kỹ năng số"],
    },
    {
        "opening_hours": (
            "Thứ Hai – Thứ Sáu: 13:30–17:00; sáng Thứ Bảy, Chủ nhật: 7:30–10:30"
        ),
        "description": (
            "Trung tâm học tập cộng đồng {commune} phối hợp với nhà chùa và các ấp tổ "
            "chức lớp học chữ Khmer, lớp song ngữ cho trẻ em và các hoạt động văn hóa "
            "truyền thống. Phòng học chính ở tầng trệt, có đường dốc cho xe lăn, quạt "
            "trần và bảng tương tác."
        ),
        "description_en": (
            "The community learning centre in {commune} works with the local pagoda "
            "and hamlets to run Khmer literacy classes, bilingual classes for children "
            "and traditional cultural activities. The main classroom is on the ground "
            "floor, with a wheelchair ramp, ceiling fans and an interactive whiteboard."
        ),
        "has_computers": False,
        "has_wifi": False,
        "step_free_access": True,
        "places": ["Phòng học chính", "Nhà sala của chùa"],
    },
]


# Street / location fragments for addresses.
STREETS = [
    "Thôn 3",
    "Thôn Đồng Tâm",
    "Thôn Phú Xuân",
    "Buôn Ea Kao",
    "Buôn Ko Tam",
    "Ấp Tân Hòa",
    "Ấp Phước Thạnh",
    "Ấp Sóc Xoài",
    "Tổ dân phố 5",
    "Tổ dân phố Nam Thành",
    "Khóm 2",
    "Khu phố 3",
    "Bản Nà Sài",
    "Bản Khuổi Khon",
    "Xóm Bãi",
    "đường Lê Lợi",
    "đường Trần Hưng Đạo",
    "đường Nguyễn Văn Cừ",
    "đường 30 Tháng 4",
    "Quốc lộ 14",
]


# Province codes, in the order demo centres are spread across them.
CENTRE_PROVINCES = [
    "66",
    "91",
    "08",
    "01",
    "79",
    "04",
    "15",
    "46",
    "68",
    "92",
    "22",
    "96",
]
