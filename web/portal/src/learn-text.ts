/**
 * The education pages, in plain words for secondary-school students and rural residents, in Vietnamese and
 * English with the same structure (checked by i18n.test.ts). Loaded only with those pages. Every number is a
 * `{placeholder}` filled from core's public-portal reference data by `learnValues`, never written here.
 */
import {
  PUBLIC_BACKGROUND,
  PUBLIC_DOSE_LIMIT,
  PUBLIC_DOSE_RATE_SCALE,
  PUBLIC_EMERGENCY_NUMBERS,
  PUBLIC_MEDICAL_EXAMPLES,
  type MedicalExamId,
} from '@sievert/core/reference/public-portal';
import { formatBound, formatDate, formatNumber, toMicroSievertPerHour } from './format';
import type { Language } from './i18n';
import type { LearnTopic } from './routes';

export type LearnBlock =
  | { type: 'p'; text: string }
  | { type: 'h2'; text: string }
  | { type: 'ul'; items: string[] }
  | { type: 'ol'; items: string[] }
  /** The colour scale of the map, drawn from the reference data. */
  | { type: 'scale'; caption: string };

export interface LearnTopicText {
  title: string;
  summary: string;
  blocks: LearnBlock[];
}

export interface LearnText {
  delayUnknown: string;
  scaleRange: string;
  scaleLabel: string;
  topics: Record<LearnTopic, LearnTopicText>;
}

export const learnVi: LearnText = {
  delayUnknown: 'một thời gian ngắn',
  scaleRange: 'Khoảng (µSv/h)',
  scaleLabel: 'Ý nghĩa',
  topics: {
    radiation: {
      title: 'Bức xạ là gì, đến từ đâu?',
      summary:
        'Bức xạ có quanh ta từ khi Trái Đất hình thành. Bài này giải thích bức xạ là gì và đến từ đâu.',
      blocks: [
        {
          type: 'p',
          text: 'Bức xạ là năng lượng truyền đi dưới dạng tia hoặc hạt rất nhỏ. Ánh sáng hay sóng điện thoại cũng là bức xạ, nhưng không đủ năng lượng để làm biến đổi nguyên tử. Các trang này nói về bức xạ ion hóa: loại đủ mạnh để tách điện tử khỏi nguyên tử, như tia gamma, tia X, hạt alpha và hạt beta.',
        },
        {
          type: 'p',
          text: 'Bức xạ ion hóa sinh ra khi hạt nhân của một số nguyên tử không bền tự biến đổi (gọi là phân rã phóng xạ), hoặc từ máy móc như máy chụp X-quang. Con người không nhìn, nghe, ngửi hay cảm nhận được bức xạ; chỉ thiết bị đo mới phát hiện được.',
        },
        { type: 'h2', text: 'Bức xạ tự nhiên' },
        {
          type: 'ul',
          items: [
            'Từ đất, đá và vật liệu xây dựng: urani, thori và kali-40 có sẵn trong đất, gạch, đá.',
            'Từ vũ trụ: tia vũ trụ đến từ Mặt Trời và các vì sao; càng lên cao càng nhiều.',
            'Từ không khí: khí radon thoát ra từ đất và tích tụ trong nhà kín.',
            'Từ thức ăn và chính cơ thể: ví dụ kali-40 có trong rau, quả, thịt cá.',
          ],
        },
        {
          type: 'p',
          text: 'Trung bình trên thế giới, mỗi người nhận khoảng {worldAnnual} mSv mỗi năm từ các nguồn tự nhiên. Đơn vị mSv được giải thích trong bài “Đơn vị đo”.',
        },
        { type: 'h2', text: 'Bức xạ nhân tạo' },
        {
          type: 'ul',
          items: [
            'Y tế: chụp X-quang, chụp cắt lớp (CT), y học hạt nhân, xạ trị ung thư.',
            'Công nghiệp: chụp ảnh kiểm tra mối hàn, thiết bị đo mức, đo độ dày, đo mật độ.',
            'Nghiên cứu khoa học và giáo dục.',
          ],
        },
        {
          type: 'p',
          text: 'Các nguồn phóng xạ và thiết bị bức xạ này phải được cơ quan nhà nước cấp phép, và cơ sở sử dụng phải bảo đảm an toàn, an ninh cho chúng.',
        },
        { type: 'h2', text: 'Bức xạ có hại không?' },
        {
          type: 'p',
          text: 'Liều càng lớn thì nguy cơ càng cao. Con người luôn sống với mức bức xạ tự nhiên. Liều rất lớn, ví dụ khi cầm hoặc để sát người một nguồn phóng xạ mạnh, có thể gây bỏng và bệnh nặng. Vì vậy pháp luật quy định giới hạn liều và các biện pháp an toàn.',
        },
      ],
    },
    units: {
      title: 'Đơn vị đo: Sv, mSv, µSv/h, nSv/h',
      summary: 'Sievert, millisievert, micro-sievert mỗi giờ: cách đọc các con số trên bản đồ.',
      blocks: [
        {
          type: 'p',
          text: 'Liều bức xạ cho biết cơ thể nhận bao nhiêu năng lượng bức xạ, có tính đến mức độ ảnh hưởng tới sức khỏe. Đơn vị là sievert (Sv). 1 Sv là rất lớn, nên người ta thường dùng các đơn vị nhỏ hơn:',
        },
        {
          type: 'ul',
          items: [
            '1 Sv = 1000 mSv (millisievert)',
            '1 mSv = 1000 µSv (micro-sievert)',
            '1 µSv = 1000 nSv (nano-sievert)',
          ],
        },
        {
          type: 'p',
          text: 'Suất liều là liều nhận được trong một đơn vị thời gian, thường là một giờ. Các trạm quan trắc đo suất liều bức xạ gamma trong không khí. Trang này hiển thị suất liều bằng µSv/h; dữ liệu mở dùng nSv/h, ví dụ {hanoiMean} µSv/h = {hanoiMeanNano} nSv/h.',
        },
        {
          type: 'p',
          text: 'Có thể hình dung: suất liều giống như tốc độ của xe (km/h), còn liều giống như quãng đường đã đi (km).',
        },
        { type: 'h2', text: 'Ví dụ: từ µSv/h đến mSv mỗi năm' },
        {
          type: 'p',
          text: 'Suất liều trung bình đo được ở Hà Nội là {hanoiMean} µSv/h. Nếu một người ở ngoài trời tại đó suốt cả ngày lẫn đêm:',
        },
        {
          type: 'ol',
          items: [
            'Một ngày có 24 giờ: {hanoiMean} µSv/h × 24 giờ ≈ {hanoiDaily} µSv.',
            'Một năm có 365 ngày, tức {hoursPerYear} giờ: {hanoiMean} µSv/h × {hoursPerYear} giờ ≈ {hanoiAnnualMicro} µSv.',
            'Đổi sang mSv (chia cho 1000): khoảng {hanoiAnnualMilli} mSv mỗi năm.',
          ],
        },
        {
          type: 'p',
          text: 'Con số này chỉ là phần bức xạ gamma chiếu từ bên ngoài cơ thể. Tổng liều tự nhiên trung bình trên thế giới, khoảng {worldAnnual} mSv mỗi năm, còn gồm phần do hít thở khí radon và do thức ăn, nước uống.',
        },
        {
          type: 'p',
          text: 'Đây là phép tính gần đúng: trong nhà, suất liều có thể khác ngoài trời, và giá trị trạm đo chỉ gần đúng với liều mà cơ thể thực sự nhận.',
        },
      ],
    },
    background: {
      title: 'Phóng xạ nền tự nhiên trong vùng',
      summary: 'Mức bức xạ thường gặp ở đồng bằng sông Hồng, và vì sao số đo tăng khi trời mưa.',
      blocks: [
        {
          type: 'p',
          text: 'Ở đâu cũng có bức xạ nền tự nhiên. Đất ở Việt Nam chứa urani, thori và kali-40 ở mức gần với trung bình thế giới; một khảo sát đất trên cả nước cho suất liều trong không khí trung bình khoảng {soilDoseRate} nGy/h (nano-gray mỗi giờ, một đơn vị gần tương đương nSv/h).',
        },
        {
          type: 'p',
          text: 'Ở đồng bằng sông Hồng, các trạm quan trắc thường đo được khoảng {deltaMin}–{deltaMax} µSv/h. Ở Hà Nội, suất liều trung bình đo được là {hanoiMean} µSv/h.',
        },
        {
          type: 'p',
          text: 'Mỗi nơi có mức nền khác nhau, tùy loại đất đá và độ cao. Ví dụ ở Đức, các trạm đo từ {germanyMin} đến {germanyMax} µSv/h tùy vị trí.',
        },
        { type: 'h2', text: 'Vì sao số đo tăng khi trời mưa?' },
        {
          type: 'p',
          text: 'Trong không khí luôn có một lượng nhỏ khí radon tự nhiên và các chất do nó phân rã tạo ra. Khi mưa, nước mưa kéo các chất này xuống mặt đất, nên suất liều tại trạm có thể tăng, có khi tới khoảng {rainFactor} lần, rồi trở lại bình thường sau vài giờ. Đây là hiện tượng tự nhiên, không nguy hiểm.',
        },
        { type: 'h2', text: 'Khi nào một giá trị đáng chú ý?' },
        {
          type: 'p',
          text: 'Trên bản đồ, từ {warning} µSv/h trở lên được tô màu đỏ cam: cao gấp vài lần mức nền thường gặp. Ví dụ, mạng quan trắc của Thụy Sĩ tự động báo động khi suất liều vượt {alarm} µSv/h. Một giá trị cao đơn lẻ thường do mưa hoặc lỗi thiết bị; cán bộ chuyên môn sẽ kiểm tra trước khi kết luận, và thông tin chính thức được đăng ở mục Thông báo.',
        },
        { type: 'scale', caption: 'Các mức màu trên bản đồ' },
      ],
    },
    limits: {
      title: 'Giới hạn liều cho người dân',
      summary:
        'Pháp luật giới hạn liều mà người dân có thể nhận từ các hoạt động bức xạ; so sánh với khi đi khám bệnh.',
      blocks: [
        {
          type: 'p',
          text: 'Theo Nghị định 142/2020/NĐ-CP (có hiệu lực từ {limitEffective}), liều hiệu dụng mà một người dân nhận từ các công việc bức xạ không được vượt quá {publicLimit} mSv mỗi năm (lấy trung bình trong {limitYears} năm liên tiếp) và không quá {limitSingleYear} mSv trong một năm bất kỳ. Mức này giống khuyến cáo quốc tế của ICRP và IAEA.',
        },
        {
          type: 'p',
          text: 'Giới hạn này tính thêm vào phần bức xạ tự nhiên: nó không bao gồm bức xạ nền tự nhiên, cũng không bao gồm liều khi bạn đi khám, chữa bệnh.',
        },
        { type: 'h2', text: 'So sánh với khi khám bệnh' },
        {
          type: 'p',
          text: 'Khi chỉ định chụp X-quang hay chụp CT, bác sĩ đã cân nhắc lợi ích cho sức khỏe của bạn lớn hơn rủi ro nhỏ của bức xạ. Liều điển hình của một lần chụp:',
        },
        {
          type: 'ul',
          items: [
            'Chụp X-quang ngực: khoảng {chestXray} mSv, tương đương khoảng {chestXrayDays} ngày bức xạ tự nhiên.',
            'Chụp CT đầu: khoảng {headCt} mSv, tương đương khoảng {headCtMonths} tháng bức xạ tự nhiên.',
            'Chụp CT bụng: khoảng {abdomenCt} mSv, tương đương khoảng {abdomenCtYears} năm bức xạ tự nhiên.',
          ],
        },
        {
          type: 'p',
          text: 'Các so sánh dựa trên mức tự nhiên trung bình thế giới, {worldAnnual} mSv mỗi năm. Đừng từ chối một lần chụp bác sĩ chỉ định vì lo ngại bức xạ; nếu đang mang thai, hãy báo cho bác sĩ.',
        },
      ],
    },
    safety: {
      title: 'An toàn bức xạ: cần làm gì?',
      summary: 'Khi gặp vật lạ có dấu hiệu phóng xạ, hoặc khi có sự cố bức xạ: những việc nên làm.',
      blocks: [
        { type: 'h2', text: 'Khi thấy vật lạ có biểu tượng phóng xạ' },
        {
          type: 'p',
          text: 'Nguồn phóng xạ dùng trong công nghiệp, y tế thường là vật nhỏ bằng kim loại, nặng bất thường so với kích thước, có thể mang biểu tượng ba cánh quạt (màu đen trên nền vàng) hoặc chữ “phóng xạ”, “radioactive”. Nếu bị thất lạc, chúng có thể rất nguy hiểm cho người nhặt được.',
        },
        {
          type: 'ol',
          items: [
            'Không chạm vào, không nhặt lên, không bỏ vào túi, không mang về nhà, không bán cho người thu mua phế liệu.',
            'Tránh xa và không để người khác, nhất là trẻ em, lại gần.',
            'Báo ngay cho công an (gọi {police}), Ủy ban nhân dân xã/phường hoặc Sở Khoa học và Công nghệ của tỉnh.',
            'Nếu đã lỡ cầm vào, hãy rửa tay kỹ và đến cơ sở y tế, nói rõ cho bác sĩ biết.',
          ],
        },
        { type: 'h2', text: 'Khi có sự cố bức xạ' },
        { type: 'p', text: 'Nếu cơ quan chức năng thông báo có sự cố bức xạ ở gần nơi bạn ở:' },
        {
          type: 'ol',
          items: [
            'Vào trong nhà ngay và ở lại trong nhà.',
            'Đóng cửa sổ, cửa ra vào; tắt quạt hút và điều hòa lấy gió từ bên ngoài.',
            'Theo dõi thông báo chính thức qua đài phát thanh, truyền hình, loa truyền thanh của xã/phường và mục Thông báo của trang này.',
            'Nếu vừa ở ngoài trời: cởi lớp áo ngoài cho vào túi ni-lông, tắm hoặc lau người bằng khăn ẩm.',
            'Chỉ uống viên i-ốt khi cơ quan chức năng yêu cầu: viên i-ốt chỉ bảo vệ tuyến giáp khỏi i-ốt phóng xạ và có thể gây hại nếu dùng không đúng.',
            'Không tự ý sơ tán khi chưa được hướng dẫn: đi lại bên ngoài có thể làm bạn nhận thêm liều.',
          ],
        },
        {
          type: 'p',
          text: 'Số điện thoại khẩn cấp: công an {police}, cứu hỏa và cứu nạn {fire}, cấp cứu {ambulance}.',
        },
      ],
    },
    network: {
      title: 'Mạng quan trắc hoạt động thế nào?',
      summary: 'Các trạm tự động đo suất liều liên tục; số liệu được kiểm tra và công bố công khai.',
      blocks: [
        {
          type: 'p',
          text: 'Mỗi trạm có một đầu đo tự động đặt ngoài trời, đo suất liều bức xạ gamma liên tục và gửi một giá trị về trung tâm khoảng 10 phút một lần.',
        },
        {
          type: 'p',
          text: 'Phần mềm tự động kiểm tra từng giá trị (ví dụ giá trị âm, giá trị vọt lên rồi trở lại ngay, thiết bị báo mãi một số). Cán bộ chuyên môn xem xét các giá trị bất thường, so sánh với các trạm lân cận và với lượng mưa, rồi đánh dấu số liệu là đã kiểm tra.',
        },
        {
          type: 'p',
          text: 'Số liệu được công bố chậm {delay} để kịp phát hiện lỗi thiết bị. Giá trị chưa được kiểm tra vẫn được công bố, kèm dấu “tạm thời”.',
        },
        {
          type: 'p',
          text: 'Khi một trạm không gửi số liệu trong một thời gian, trạm được hiển thị là mất kết nối (ô vuông xám) thay vì tiếp tục hiển thị giá trị cũ như thể vẫn bình thường.',
        },
        { type: 'h2', text: 'Màu trên bản đồ' },
        {
          type: 'p',
          text: 'Bảng màu được chọn để người mù màu cũng phân biệt được; ngoài màu, trạm mất kết nối có hình vuông viền đứt và trạm chưa có số liệu là vòng tròn rỗng.',
        },
        { type: 'scale', caption: 'Các mức màu trên bản đồ' },
        { type: 'h2', text: 'Dữ liệu mở' },
        {
          type: 'p',
          text: 'Số liệu đã công bố được cung cấp miễn phí ở mục Dữ liệu mở, dạng CSV, GeoJSON và EURDEP (định dạng trao đổi của các mạng quan trắc châu Âu), để nhà nghiên cứu, nhà báo và mọi người có thể tự kiểm tra và sử dụng lại.',
        },
      ],
    },
  },
};

export const learnEn: LearnText = {
  delayUnknown: 'a short time',
  scaleRange: 'Range (µSv/h)',
  scaleLabel: 'Meaning',
  topics: {
    radiation: {
      title: 'What is radiation and where does it come from?',
      summary:
        'Radiation has been around us since the Earth was formed. This article explains what it is and where it comes from.',
      blocks: [
        {
          type: 'p',
          text: 'Radiation is energy travelling as rays or tiny particles. Light and mobile-phone waves are radiation too, but they do not carry enough energy to change atoms. These pages are about ionising radiation: the kind strong enough to knock electrons out of atoms, such as gamma rays, X-rays, alpha and beta particles.',
        },
        {
          type: 'p',
          text: 'Ionising radiation comes from the nuclei of some unstable atoms changing by themselves (radioactive decay), or from machines such as X-ray units. People cannot see, hear, smell or feel radiation; only instruments can detect it.',
        },
        { type: 'h2', text: 'Natural radiation' },
        {
          type: 'ul',
          items: [
            'From soil, rocks and building materials: uranium, thorium and potassium-40 are naturally present in soil, bricks and stone.',
            'From space: cosmic rays come from the Sun and the stars; the higher you go, the more there are.',
            'From the air: radon gas seeps out of the ground and builds up in closed rooms.',
            'From food and our own bodies: for example potassium-40 in vegetables, fruit, meat and fish.',
          ],
        },
        {
          type: 'p',
          text: 'On average around the world, each person receives about {worldAnnual} mSv a year from natural sources. The unit mSv is explained in the article “Units”.',
        },
        { type: 'h2', text: 'Artificial radiation' },
        {
          type: 'ul',
          items: [
            'Medicine: X-ray images, computed tomography (CT), nuclear medicine, cancer radiotherapy.',
            'Industry: radiography of welds, level, thickness and density gauges.',
            'Research and education.',
          ],
        },
        {
          type: 'p',
          text: 'These radioactive sources and radiation devices must be licensed by the authorities, and the facilities that use them must keep them safe and secure.',
        },
        { type: 'h2', text: 'Is radiation harmful?' },
        {
          type: 'p',
          text: 'The larger the dose, the higher the risk. People have always lived with natural radiation. A very large dose, for example from holding or carrying a strong radioactive source, can cause burns and serious illness. This is why the law sets dose limits and safety measures.',
        },
      ],
    },
    units: {
      title: 'Units: Sv, mSv, µSv/h, nSv/h',
      summary: 'Sievert, millisievert, microsievert per hour: how to read the numbers on the map.',
      blocks: [
        {
          type: 'p',
          text: 'A radiation dose tells how much radiation energy the body receives, weighted by how much it matters for health. Its unit is the sievert (Sv). 1 Sv is very large, so smaller units are used:',
        },
        {
          type: 'ul',
          items: [
            '1 Sv = 1000 mSv (millisievert)',
            '1 mSv = 1000 µSv (microsievert)',
            '1 µSv = 1000 nSv (nanosievert)',
          ],
        },
        {
          type: 'p',
          text: 'A dose rate is the dose received per unit of time, usually per hour. The monitoring stations measure the gamma dose rate in the air. This site shows dose rates in µSv/h; the open data use nSv/h, for example {hanoiMean} µSv/h = {hanoiMeanNano} nSv/h.',
        },
        {
          type: 'p',
          text: 'Think of it this way: the dose rate is like the speed of a car (km/h), the dose like the distance travelled (km).',
        },
        { type: 'h2', text: 'Worked example: from µSv/h to mSv a year' },
        {
          type: 'p',
          text: 'The mean dose rate measured in Hanoi is {hanoiMean} µSv/h. If someone stayed outdoors there all day and night:',
        },
        {
          type: 'ol',
          items: [
            'A day has 24 hours: {hanoiMean} µSv/h × 24 h ≈ {hanoiDaily} µSv.',
            'A year has 365 days, that is {hoursPerYear} hours: {hanoiMean} µSv/h × {hoursPerYear} h ≈ {hanoiAnnualMicro} µSv.',
            'In mSv (divide by 1000): about {hanoiAnnualMilli} mSv a year.',
          ],
        },
        {
          type: 'p',
          text: 'This is only the gamma radiation reaching the body from outside. The world’s average natural dose, about {worldAnnual} mSv a year, also includes breathing radon and what we eat and drink.',
        },
        {
          type: 'p',
          text: 'This is a rough estimate: indoors the dose rate can differ from outdoors, and a station’s value is only close to the dose the body actually receives.',
        },
      ],
    },
    background: {
      title: 'The natural background in the region',
      summary: 'The usual radiation levels in the Red River delta, and why values rise when it rains.',
      blocks: [
        {
          type: 'p',
          text: 'There is natural background radiation everywhere. The soils of Vietnam hold uranium, thorium and potassium-40 at levels close to the world average; a nationwide soil survey found an average dose rate in air of about {soilDoseRate} nGy/h (nanogray per hour, a unit close to nSv/h).',
        },
        {
          type: 'p',
          text: 'In the Red River delta, monitoring stations usually measure about {deltaMin}–{deltaMax} µSv/h. In Hanoi the mean measured dose rate is {hanoiMean} µSv/h.',
        },
        {
          type: 'p',
          text: 'The background differs from place to place, with the rocks, the soil and the altitude. In Germany, for example, stations measure from {germanyMin} to {germanyMax} µSv/h depending on the site.',
        },
        { type: 'h2', text: 'Why do values rise when it rains?' },
        {
          type: 'p',
          text: 'The air always holds a little natural radon gas and the substances its decay produces. Rain washes them down to the ground, so the dose rate at a station can rise, sometimes up to about {rainFactor} times, and return to normal within a few hours. This is natural and not dangerous.',
        },
        { type: 'h2', text: 'When does a value deserve attention?' },
        {
          type: 'p',
          text: 'On the map, values from {warning} µSv/h on are coloured red-orange: several times the usual background. The Swiss monitoring network, for example, raises an automatic alarm above {alarm} µSv/h. A single high value is usually rain or a faulty instrument; specialists check it before drawing conclusions, and the official information is published under Notices.',
        },
        { type: 'scale', caption: 'Colour levels of the map' },
      ],
    },
    limits: {
      title: 'Dose limits for the public',
      summary:
        'The law limits the dose people may receive from radiation work; compared here with medical exams.',
      blocks: [
        {
          type: 'p',
          text: 'Under Decree 142/2020/NĐ-CP (in force since {limitEffective}), the effective dose a member of the public receives from radiation work must not exceed {publicLimit} mSv a year (averaged over {limitYears} consecutive years) nor {limitSingleYear} mSv in any single year. This is the same as the international recommendations of ICRP and IAEA.',
        },
        {
          type: 'p',
          text: 'This limit comes on top of natural radiation: it does not include the natural background, nor the dose from your own medical exams and treatment.',
        },
        { type: 'h2', text: 'Compared with medical exams' },
        {
          type: 'p',
          text: 'When a doctor asks for an X-ray or a CT scan, the benefit for your health has been weighed against the small risk of the radiation. Typical doses of one exam:',
        },
        {
          type: 'ul',
          items: [
            'Chest X-ray: about {chestXray} mSv, about {chestXrayDays} days of natural radiation.',
            'Head CT: about {headCt} mSv, about {headCtMonths} months of natural radiation.',
            'Abdominal CT: about {abdomenCt} mSv, about {abdomenCtYears} years of natural radiation.',
          ],
        },
        {
          type: 'p',
          text: 'The comparisons use the world’s average natural dose of {worldAnnual} mSv a year. Do not refuse an exam your doctor asks for because of radiation worries; if you are pregnant, tell the doctor.',
        },
      ],
    },
    safety: {
      title: 'Radiation safety: what to do',
      summary: 'If you find a strange object with a radiation sign, or in a radiation emergency: what to do.',
      blocks: [
        { type: 'h2', text: 'If you find a strange object with the radiation sign' },
        {
          type: 'p',
          text: 'Radioactive sources used in industry and medicine are often small metal objects, unusually heavy for their size, which may carry the trefoil symbol (black on yellow) or the word “phóng xạ” or “radioactive”. When lost, they can be very dangerous to whoever picks them up.',
        },
        {
          type: 'ol',
          items: [
            'Do not touch it, pick it up, put it in a pocket, take it home or sell it to a scrap collector.',
            'Keep away and keep others, especially children, away.',
            'Call the police ({police}) at once, or tell the commune or ward People’s Committee or the province’s Department of Science and Technology.',
            'If you have already handled it, wash your hands well and go to a health facility; tell the doctor what happened.',
          ],
        },
        { type: 'h2', text: 'In a radiation emergency' },
        { type: 'p', text: 'If the authorities announce a radiation emergency near where you are:' },
        {
          type: 'ol',
          items: [
            'Go inside at once and stay inside.',
            'Close windows and doors; switch off extractor fans and air conditioners that draw in outside air.',
            'Follow the official notices on radio, television, the commune’s loudspeakers and the Notices of this site.',
            'If you were just outdoors: take off your outer clothes and put them in a plastic bag, shower or wipe yourself with a damp cloth.',
            'Take iodine tablets only when the authorities tell you to: they only protect the thyroid from radioactive iodine and can do harm if taken wrongly.',
            'Do not leave on your own before you are told to: moving around outside can add to your dose.',
          ],
        },
        {
          type: 'p',
          text: 'Emergency numbers: police {police}, fire and rescue {fire}, ambulance {ambulance}.',
        },
      ],
    },
    network: {
      title: 'How the monitoring network works',
      summary:
        'Automatic stations measure the dose rate all the time; the data are checked and published openly.',
      blocks: [
        {
          type: 'p',
          text: 'Each station has an automatic probe outdoors that measures the gamma dose rate continuously and sends a value to the centre about every 10 minutes.',
        },
        {
          type: 'p',
          text: 'Software checks each value automatically (for example negative values, a jump that falls back at once, an instrument stuck on one number). Specialists look at unusual values, compare them with neighbouring stations and with rainfall, and mark the data as checked.',
        },
        {
          type: 'p',
          text: 'Values are published {delay} late, so that instrument faults can be caught. Values not yet checked are published too, marked “provisional”.',
        },
        {
          type: 'p',
          text: 'When a station has not sent data for a while it is shown as offline (a grey square) instead of keeping its old value on show as if all were normal.',
        },
        { type: 'h2', text: 'Colours on the map' },
        {
          type: 'p',
          text: 'The colours were chosen so that people with colour blindness can tell them apart; besides colour, offline stations are dashed squares and stations without a value are hollow circles.',
        },
        { type: 'scale', caption: 'Colour levels of the map' },
        { type: 'h2', text: 'Open data' },
        {
          type: 'p',
          text: 'The published data are free under Open data, as CSV, GeoJSON and EURDEP (the exchange format of Europe’s monitoring networks), so that researchers, journalists and everyone can check them and reuse them.',
        },
      ],
    },
  },
};

export const LEARN_TEXT: Readonly<Record<Language, LearnText>> = { vi: learnVi, en: learnEn };

/** The public sources of each article (keys of core's public-portal reference), listed at its bottom. */
export const LEARN_SOURCES: Readonly<Record<LearnTopic, readonly string[]>> = {
  radiation: ['UNSCEAR-1993-EEA', 'IAEA-SEALED-SOURCES'],
  units: ['HANOI-GAMMA', 'UNSCEAR-1993-EEA'],
  background: ['HIEN-2002', 'HANOI-GAMMA', 'NI-ODL-RANGE', 'BFS-ODL-WEATHER', 'NAZ-NADAM'],
  limits: ['ND-142-2020', 'ICRP-103', 'METTLER-2008', 'UNSCEAR-1993-EEA'],
  safety: ['IAEA-SEALED-SOURCES', 'IAEA-SCRAP', 'CDC-EMERGENCY', 'VN-EMERGENCY-NUMBERS'],
  network: ['EURDEP-CONSENT', 'BFS-ODL-WEATHER', 'COLORBREWER-YLORRD'],
};

const DAYS_PER_YEAR = 365;
const HOURS_PER_DAY = 24;
const HOURS_PER_YEAR = DAYS_PER_YEAR * HOURS_PER_DAY;
const MONTHS_PER_YEAR = 12;
const MICRO_PER_MILLI = 1000;

function exam(id: MedicalExamId): number {
  return PUBLIC_MEDICAL_EXAMPLES.exams.find((entry) => entry.id === id)?.mSv ?? Number.NaN;
}

/** Rounded to about two significant digits: "3", "10", "3,3" (these are comparisons, not measurements). */
function roughly(value: number, language: Language): string {
  return formatNumber(value, language, value >= 10 ? 0 : value >= 1 ? 1 : 2).replace(/[,.]0$/, '');
}

/**
 * The numbers of the articles, formatted for the language, from the reference data; `delay` is the network's
 * publication delay when known (from the overview).
 */
export function learnValues(language: Language, delay: string | null): Record<string, string> {
  const background = PUBLIC_BACKGROUND;
  const hanoiMicro = toMicroSievertPerHour(background.hanoiMean.nSvPerHour) ?? Number.NaN;
  const annualMicro = hanoiMicro * HOURS_PER_YEAR;
  const worldAnnual = background.worldAverageNaturalAnnual.mSvPerYear;
  const anchors = PUBLIC_DOSE_RATE_SCALE.classes.map((entry) => entry.upperNSvPerHour);
  const warning = PUBLIC_DOSE_RATE_SCALE.clearlyAboveBackground.nSvPerHour;
  // The alarm anchor is the class bound after the warning one (1 µSv/h, NADAM).
  const alarm = anchors[anchors.indexOf(warning) + 1] ?? warning;
  const numbers = PUBLIC_EMERGENCY_NUMBERS;
  return {
    worldAnnual: formatNumber(worldAnnual, language, 1),
    hanoiMean: formatBound(background.hanoiMean.nSvPerHour, language),
    hanoiMeanNano: formatNumber(background.hanoiMean.nSvPerHour, language),
    hanoiDaily: formatNumber(hanoiMicro * HOURS_PER_DAY, language, 1),
    hoursPerYear: formatNumber(HOURS_PER_YEAR, language),
    hanoiAnnualMicro: formatNumber(Math.round(annualMicro), language),
    hanoiAnnualMilli: formatNumber(annualMicro / MICRO_PER_MILLI, language, 1),
    soilDoseRate: formatNumber(background.vietnamSoilAbsorbedDoseRate.nGyPerHour, language),
    deltaMin: formatBound(background.redRiverDeltaTypical.minNSvPerHour, language),
    deltaMax: formatBound(background.redRiverDeltaTypical.maxNSvPerHour, language),
    germanyMin: formatBound(background.germanyRange.minNSvPerHour, language),
    germanyMax: formatBound(background.germanyRange.maxNSvPerHour, language),
    rainFactor: formatNumber(background.rainIncrease.maxFactor, language),
    warning: formatBound(warning, language),
    alarm: alarm === null ? '—' : formatBound(alarm, language),
    publicLimit: formatNumber(PUBLIC_DOSE_LIMIT.mSvPerYear, language),
    limitYears: formatNumber(PUBLIC_DOSE_LIMIT.averagedOverYears, language),
    limitSingleYear: formatNumber(PUBLIC_DOSE_LIMIT.singleYearMaxMSv, language),
    limitEffective: formatDate(`${PUBLIC_DOSE_LIMIT.effectiveFrom}T00:00:00+07:00`, language),
    chestXray: formatNumber(exam('chest_xray'), language, 2),
    chestXrayDays: roughly((exam('chest_xray') / worldAnnual) * DAYS_PER_YEAR, language),
    headCt: formatNumber(exam('head_ct'), language),
    headCtMonths: roughly((exam('head_ct') / worldAnnual) * MONTHS_PER_YEAR, language),
    abdomenCt: formatNumber(exam('abdomen_ct'), language),
    abdomenCtYears: roughly(exam('abdomen_ct') / worldAnnual, language),
    police: numbers.police,
    fire: numbers.fireRescue,
    ambulance: numbers.ambulance,
    delay: delay ?? LEARN_TEXT[language].delayUnknown,
  };
}
